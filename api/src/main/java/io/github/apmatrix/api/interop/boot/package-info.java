/**
 * A reboot, simulated: the hardware of a host directory, the kernel's masks from {@code
 * /proc/cmdline}, chzdev's persistent masks, and mdevctl starting the {@code auto} devices after
 * ap-check ({@link io.github.apmatrix.api.interop.boot.Boot}).
 */
@NullMarked
package io.github.apmatrix.api.interop.boot;

import org.jspecify.annotations.NullMarked;
