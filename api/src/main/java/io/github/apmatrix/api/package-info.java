/**
 * The fluent face of apmatrix: build a host in a few readable lines, then drive its mediated
 * devices and guests through handles.
 *
 * <ul>
 *   <li>{@link io.github.apmatrix.api.Hosts}: where to start, {@code Hosts.builder()} (a {@link
 *       io.github.apmatrix.core.model.HostSpecBuilder}) and the presets of {@link
 *       io.github.apmatrix.core.model.HostPreset} (the demo host, a small host, z15- and z16-like
 *       LPARs, an LPAR with 85 domains, a host without APXA, a full 256 × 256 host);
 *   <li>{@link io.github.apmatrix.api.ApHost}: a running host, started from a {@link
 *       io.github.apmatrix.core.model.HostSpec};
 *   <li>{@link io.github.apmatrix.api.ApDevice}: one mediated device;
 *   <li>{@link io.github.apmatrix.api.ApGuest}: one KVM guest.
 * </ul>
 *
 * <pre>{@code
 * ApHost host = Hosts.demo();
 * ApDevice device = host.createDevice().assignAdapter(0x03).assignDomain(0x02);
 * }</pre>
 *
 * <p>Every operation comes in two forms: {@code assignAdapter(id)} returns the handle for chaining
 * and throws {@link io.github.apmatrix.core.RefusedException} (with the kernel's errno and
 * explanation) when the modelled kernel refuses; {@code tryAssignAdapter(id)} returns the {@link
 * io.github.apmatrix.core.Outcome} instead. A caller's mistake (an id outside 0..255, null) is an
 * unchecked JDK exception. The layer is thin: each call is one call of {@link
 * io.github.apmatrix.core.model.Host}, which {@link io.github.apmatrix.api.ApHost#core()} gives for
 * everything not covered here.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
