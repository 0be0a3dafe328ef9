/**
 * Test support for tools built on apmatrix.
 *
 * <ul>
 *   <li>{@link io.github.apmatrix.testkit.FakeHosts}: documented preset hosts and seeded random
 *       ones; {@link io.github.apmatrix.testkit.FakeHostExtension} hands one to a JUnit 5 test;
 *   <li>{@link io.github.apmatrix.testkit.FaultyHardware} and {@link
 *       io.github.apmatrix.testkit.Faults}: queue resets that fail, checkstopped adapters, AQIC and
 *       GISC failures, adapters leaving the configuration, drivers that throw;
 *   <li>{@link io.github.apmatrix.testkit.ApmatrixAssertions}: AssertJ assertions on bitmaps,
 *       APCBs, devices, guests (with {@link io.github.apmatrix.testkit.GuestRecorder} for their
 *       history) and outcomes;
 *   <li>{@link io.github.apmatrix.testkit.SeededGenerators} (any framework): random values;
 *       QuickTheories generators are in the {@code apmatrix-testkit-quicktheories} artifact.
 * </ul>
 *
 * <pre>{@code
 * FaultyHardware hw = new FaultyHardware();
 * ApHost host = Hosts.start(FakeHosts.small().toBuilder().hardware(hw).build());
 * ApDevice device = host.createDevice().assignAdapters(1, 2).assignDomain(0);
 * GuestRecorder seen = GuestRecorder.watch(host.startGuest("g1", device));
 * }</pre>
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.testkit;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
