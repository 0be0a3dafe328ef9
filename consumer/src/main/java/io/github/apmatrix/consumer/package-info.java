/** A small user of apmatrix: it passes crypto adapters through to a guest. */
@NullMarked
package io.github.apmatrix.consumer;

import org.jspecify.annotations.NullMarked;
