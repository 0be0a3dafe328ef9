/**
 * The model of an s390 host: its AP configuration and cards, the AP bus with its ownership masks
 * and queue drivers, the vfio_ap driver with its mediated devices, shadow APCBs and queue resets,
 * and the KVM guests whose CRYCBs receive the shadows.
 *
 * <p>{@link io.github.apmatrix.core.model.Host} is the entry point and is thread-safe; the snapshot
 * types ({@link io.github.apmatrix.core.model.MediatedDevice}, {@link
 * io.github.apmatrix.core.model.Crycb}, {@link io.github.apmatrix.core.model.HostConfig}...) are
 * immutable.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.core.model;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
