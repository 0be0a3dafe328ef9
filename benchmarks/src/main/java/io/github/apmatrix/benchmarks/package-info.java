/** JMH benchmarks of apmatrix against JDK baselines; not deployed. */
@NullMarked
package io.github.apmatrix.benchmarks;

import org.jspecify.annotations.NullMarked;
