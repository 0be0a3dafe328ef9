/*
 * fuse_floor: the least a FUSE file system can cost per file read, measured without Java.
 *
 * A file system server written straight against the kernel's FUSE protocol (/dev/fuse, no
 * libfuse), serving NFILES files f0..fN-1 of one short line each. It does no work beyond
 * answering, so the time a reader spends per file through it is the kernel's round trips alone:
 * the floor under any FUSE mount, apmatrix's included. Part of apmatrix's benchmarks (see
 * benchmarks/README.md, "The FUSE floor"); not part of the library.
 *
 * Usage (root, /dev/fuse): fuse_floor MOUNTPOINT NFILES MODE THREADS
 *   MODE 1: sysfs's semantics as apmatrix serves them: every open reaches the server and the
 *           file is opened with FOPEN_DIRECT_IO (no page cache), so every read is fresh and a
 *           file reports 4096 bytes; names and attributes are remembered for 60 s.
 *   MODE 2: the cheapest possible: opening is declined (ENOSYS, so the kernel stops sending
 *           OPEN and RELEASE) and reads go through the page cache; a read then makes the kernel
 *           shrink the size it reports to the text's length, which sysfs never does.
 *   MODE 3: as MODE 1, with attributes never remembered (apmatrix's options today).
 * On unmount it prints how many requests of each opcode it answered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/* The protocol's structures (include/uapi/linux/fuse.h, protocol 7.31). */
struct in_header { uint32_t len, opcode; uint64_t unique, nodeid; uint32_t uid, gid, pid; uint16_t extlen, padding; };
struct out_header { uint32_t len; int32_t error; uint64_t unique; };
struct attr { uint64_t ino, size, blocks, atime, mtime, ctime; uint32_t atimensec, mtimensec, ctimensec, mode, nlink, uid, gid, rdev, blksize, flags; };
struct entry_out { uint64_t nodeid, generation, entry_valid, attr_valid; uint32_t entry_valid_nsec, attr_valid_nsec; struct attr attr; };
struct attr_out { uint64_t attr_valid; uint32_t attr_valid_nsec, dummy; struct attr attr; };
struct open_out { uint64_t fh; uint32_t open_flags, padding; };
struct read_in { uint64_t fh, offset; uint32_t size, read_flags; uint64_t lock_owner; uint32_t flags, padding; };
struct init_out { uint32_t major, minor, max_readahead, flags; uint16_t max_background, congestion_threshold; uint32_t max_write, time_gran; uint16_t max_pages, map_alignment; uint32_t flags2, unused[7]; };

enum { LOOKUP = 1, FORGET = 2, GETATTR = 3, OPEN = 14, READ = 15, RELEASE = 18, INIT = 26, OPENDIR = 27, READDIR = 28, RELEASEDIR = 29, INTERRUPT = 36, BATCH_FORGET = 42 };
enum { FOPEN_DIRECT_IO = 1 };

static int dev, nfiles, mode;
static uint64_t attr_valid;
static long counts[64];

static void reply(uint64_t unique, int error, const void *payload, size_t size) {
  char buf[8192];
  struct out_header *out = (void *) buf;
  out->len = sizeof *out + size;
  out->error = error;
  out->unique = unique;
  if (size) memcpy(buf + sizeof *out, payload, size);
  if (write(dev, buf, out->len) < 0 && errno != ENOENT) perror("fuse_floor: write");
}

static void fill(struct attr *a, uint64_t ino) {
  memset(a, 0, sizeof *a);
  a->ino = ino;
  a->blksize = 4096;
  if (ino == 1) { a->mode = S_IFDIR | 0755; a->nlink = 2; }
  else { a->mode = S_IFREG | 0444; a->nlink = 1; a->size = 4096; }
}

static void print_counts(void) {
  for (int i = 0; i < 64; i++) if (counts[i]) fprintf(stderr, "opcode %d: %ld\n", i, counts[i]);
}

static void answer(struct in_header *in, char *arg) {
  switch (in->opcode) {
    case INIT: {
      struct init_out o = {.major = 7, .minor = 31, .max_readahead = 131072, .max_background = 16,
                           .congestion_threshold = 12, .max_write = 131072, .time_gran = 1, .max_pages = 32};
      reply(in->unique, 0, &o, sizeof o);
      return;
    }
    case LOOKUP: {
      int i;
      if (in->nodeid != 1 || sscanf(arg, "f%d", &i) != 1 || i < 0 || i >= nfiles) { reply(in->unique, -ENOENT, 0, 0); return; }
      struct entry_out e = {.nodeid = i + 2, .entry_valid = 60, .attr_valid = attr_valid};
      fill(&e.attr, e.nodeid);
      reply(in->unique, 0, &e, sizeof e);
      return;
    }
    case GETATTR: {
      struct attr_out a = {.attr_valid = attr_valid};
      fill(&a.attr, in->nodeid);
      reply(in->unique, 0, &a, sizeof a);
      return;
    }
    case OPEN: {
      if (mode == 2) { reply(in->unique, -ENOSYS, 0, 0); return; }
      struct open_out o = {.open_flags = FOPEN_DIRECT_IO};
      reply(in->unique, 0, &o, sizeof o);
      return;
    }
    case READ: {
      struct read_in *r = (void *) arg;
      char text[32];
      int length = snprintf(text, sizeof text, "0x%016llx\n", (unsigned long long) in->nodeid);
      if (r->offset >= (uint64_t) length) reply(in->unique, 0, 0, 0);
      else reply(in->unique, 0, text + r->offset, length - r->offset);
      return;
    }
    case OPENDIR: { struct open_out o = {0}; reply(in->unique, 0, &o, sizeof o); return; }
    case READDIR: case RELEASE: case RELEASEDIR: reply(in->unique, 0, 0, 0); return;
    case FORGET: case BATCH_FORGET: case INTERRUPT: return; /* no answer expected */
    default: reply(in->unique, -ENOSYS, 0, 0); /* FLUSH among others: the kernel stops sending it */
  }
}

static void *serve(void *unused) {
  (void) unused;
  static __thread char buf[(1 << 17) + 4096];
  for (;;) {
    ssize_t n = read(dev, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR || errno == ENOENT) continue;
      if (errno == ENODEV) { print_counts(); exit(0); } /* unmounted */
      perror("fuse_floor: read");
      exit(1);
    }
    struct in_header *in = (void *) buf;
    __atomic_fetch_add(&counts[in->opcode & 63], 1, __ATOMIC_RELAXED);
    answer(in, buf + sizeof *in);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: fuse_floor MOUNTPOINT NFILES MODE(1|2|3) THREADS\n"); return 2; }
  nfiles = atoi(argv[2]);
  mode = atoi(argv[3]);
  int threads = atoi(argv[4]);
  if (mode < 1 || mode > 3 || threads < 1 || threads > 16 || nfiles < 1) { fprintf(stderr, "fuse_floor: bad arguments\n"); return 2; }
  attr_valid = mode == 3 ? 0 : 60;
  dev = open("/dev/fuse", O_RDWR);
  if (dev < 0) { perror("fuse_floor: /dev/fuse"); return 1; }
  char options[128];
  snprintf(options, sizeof options, "fd=%d,rootmode=40000,user_id=0,group_id=0,allow_other", dev);
  if (mount("fuse_floor", argv[1], "fuse.fuse_floor", MS_NOSUID | MS_NODEV, options)) { perror("fuse_floor: mount"); return 1; }
  pthread_t t[16];
  for (int i = 0; i < threads; i++) pthread_create(&t[i], 0, serve, 0);
  for (int i = 0; i < threads; i++) pthread_join(t[i], 0);
  return 0;
}
