/**
 * apmatrix api: the faces of the model. Text grammars turn the strings a person or a tool writes
 * into typed values for {@code io.github.apmatrix.core} and render the kernel's read forms back;
 * the emulated sysfs, the script runner and host snapshots are built on them.
 */
module io.github.apmatrix.api {
  requires transitive io.github.apmatrix.core;
  requires static transitive org.jspecify;
  requires static transitive com.google.errorprone.annotations;
  requires java.xml;

  exports io.github.apmatrix.api;
  exports io.github.apmatrix.api.text;
  exports io.github.apmatrix.api.sysfs;
  exports io.github.apmatrix.api.script;
  exports io.github.apmatrix.api.snapshot;
  exports io.github.apmatrix.api.interop.mdevctl;
  exports io.github.apmatrix.api.interop.apcheck;
  exports io.github.apmatrix.api.interop.chzdev;
  exports io.github.apmatrix.api.interop.boot;
  exports io.github.apmatrix.api.interop.libvirt;
  exports io.github.apmatrix.api.interop.lszcrypt;
  exports io.github.apmatrix.api.plan;
  exports io.github.apmatrix.api.picture;
}
