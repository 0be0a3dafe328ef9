/**
 * s390-tools' {@code lszcrypt}: what it reads from {@code /sys} ({@link
 * io.github.apmatrix.api.interop.lszcrypt.ZcryptSysfs}, read from the model's emulated sysfs or any
 * other tree) and its outputs, byte for byte as its newest version prints them: the default
 * listing, {@code -V} with vfio_ap-bound queues, {@code -b} and {@code -d} ({@link
 * io.github.apmatrix.api.interop.lszcrypt.Lszcrypt}), and the command {@link
 * io.github.apmatrix.api.interop.lszcrypt.LszcryptCommand}.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.lszcrypt;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
