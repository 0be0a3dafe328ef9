/**
 * libvirt's view of the AP devices: the node devices {@code ap_card}, {@code ap_queue}, {@code
 * ap_matrix} and the mediated devices as {@code virsh nodedev-dumpxml} prints them ({@link
 * io.github.apmatrix.api.interop.libvirt.NodeDevices}, {@link
 * io.github.apmatrix.api.interop.libvirt.NodeDeviceXml}), the mdev definition read by {@code virsh
 * nodedev-define} ({@link io.github.apmatrix.api.interop.libvirt.MdevDefinitionXml}), the domain's
 * {@code vfio-ap} hostdev and QEMU argument ({@link
 * io.github.apmatrix.api.interop.libvirt.DomainHostdev}), and {@code ./apmatrix virsh} ({@link
 * io.github.apmatrix.api.interop.libvirt.VirshCommand}).
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.libvirt;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
