/**
 * apmatrix api: the faces of the model. Text grammars turn the strings a person or a tool writes
 * into typed values for {@code io.github.apmatrix.core} and render the kernel's read forms back.
 */
module io.github.apmatrix.api {
  requires transitive io.github.apmatrix.core;
  requires static transitive org.jspecify;

  exports io.github.apmatrix.api;
  exports io.github.apmatrix.api.text;
}
