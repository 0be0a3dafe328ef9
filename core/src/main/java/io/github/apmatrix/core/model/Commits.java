package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import java.util.ArrayList;
import java.util.List;

/**
 * The commits one operation made to guests, in order, published to the guests at once and handed to
 * their listeners after the host lock is released. Not thread-safe; confined to the operation.
 */
final class Commits {

  private final List<Guest> guests = new ArrayList<>();
  private final List<Crycb> views = new ArrayList<>();

  /** Publishes empty masks to {@code g} (a device closed or removed under it) and records it. */
  void clear(Guest g) {
    record(g, g.publish(Apcb.empty()));
  }

  /** Records that {@code g} was given {@code view}. */
  void record(Guest g, Crycb view) {
    guests.add(g);
    views.add(view);
  }

  int size() {
    return guests.size();
  }

  Guest guest(int i) {
    return guests.get(i);
  }

  Crycb view(int i) {
    return views.get(i);
  }
}
