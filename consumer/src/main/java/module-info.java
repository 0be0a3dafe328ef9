/**
 * A consumer of apmatrix, as a user's project would write it: a tool on the api ({@code
 * Passthrough}) and the test fixtures its tests share, built on the testkit ({@code
 * PassthroughFixtures}). It requires the apmatrix modules and nothing they should bring themselves.
 */
module io.github.apmatrix.consumer {
  requires transitive io.github.apmatrix.api;
  requires transitive io.github.apmatrix.testkit;

  exports io.github.apmatrix.consumer;
}
