/** JMH benchmarks of apmatrix against JDK baselines; not deployed. */
package io.github.apmatrix.benchmarks;
