/**
 * apmatrix core: the typed, pure model of the s390 AP bus, the vfio_ap driver and KVM guests.
 *
 * <p>No I/O, no parsing of user text, no printing: text faces live in {@code
 * io.github.apmatrix.api}.
 */
module io.github.apmatrix.core {
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;

  exports io.github.apmatrix.core;
  exports io.github.apmatrix.core.model;
}
