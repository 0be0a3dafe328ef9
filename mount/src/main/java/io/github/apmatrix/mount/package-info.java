/**
 * The live {@code /sys}: {@link io.github.apmatrix.mount.LiveMount} serves a host's emulated sysfs
 * at a mount point with the kernel's sysfs semantics, and {@link
 * io.github.apmatrix.mount.MountMain} is the {@code ./apmatrix mount} and {@code ./apmatrix
 * sandbox} command line.
 */
@NullMarked
package io.github.apmatrix.mount;

import org.jspecify.annotations.NullMarked;
