// Fast path of the W.csv reading (src/areas/admissions/batch/wishes.ts, ADR 0018): splits plain
// rows — six unquoted ASCII fields in the canonical column order, ending with LF or CRLF — and checks
// the fields that need no state (group known, rank ≥ 1, status known, preference ≥ 0). It stops at
// the first row it does not take in full; the JavaScript reader then reads that row itself, with
// every rule and error message, so a file reads the same with or without this module.
#include "napi_helpers.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

using fabriques::Args;
using fabriques::Bytes;
using fabriques::ExportClass;
using fabriques::Fail;
using fabriques::TypedArray;
using fabriques::Unwrap;
using fabriques::Wrap;

constexpr int kColumns = 6;
constexpr int kRecord = 9;  // row start, group, rank, status, preference, candidate s/e, flags s/e
constexpr uint32_t kMaxInt = 0x7fffffff;

struct Slot {
  int32_t id;  // group id + 1, 0 = empty
  uint32_t hash;
};

// A group id's first 16 bytes (zero-padded) and its length: most ids are compared without the arena.
struct Key {
  uint64_t w0;
  uint64_t w1;
  size_t length;
};

struct Scanner {
  std::vector<uint8_t> arena;
  std::vector<int32_t> start;
  std::vector<Key> keys;
  std::vector<Slot> slots;
  uint32_t mask = 0;
  std::vector<std::string> statuses;
};

// Bytes that end a plain field (or make the row not plain): , LF CR "
struct Stops {
  bool at[256] = {};
  constexpr Stops() : at() {
    at[static_cast<unsigned char>(',')] = true;
    at[static_cast<unsigned char>('\n')] = true;
    at[static_cast<unsigned char>('\r')] = true;
    at[static_cast<unsigned char>('"')] = true;
  }
};
constexpr Stops kStops;

// The first byte of b[i..end) that ends a plain field, or end: 16 bytes at a time where SSE2 is.
inline int64_t NextStop(const uint8_t* b, int64_t i, int64_t end) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  for (; i + 16 <= end; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + __builtin_ctz(static_cast<unsigned>(mask));
  }
#endif
  while (i < end && !kStops.at[b[i]]) i++;
  return i;
}

// Up to 8 bytes as a little-endian word, zero-padded.
inline uint64_t Word(const uint8_t* p, size_t n) {
  uint64_t w = 0;
  std::memcpy(&w, p, n < 8 ? n : 8);
  return w;
}

// A hash of a group id for this table only (JavaScript's interner has its own): a word at a time.
inline uint32_t HashKey(const uint8_t* p, size_t n) {
  uint64_t h = (n + 1) * 0x9e3779b97f4a7c15ull;
  for (; n > 8; p += 8, n -= 8) {
    h = (h ^ Word(p, 8)) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  h = (h ^ Word(p, n)) * 0xc4ceb9fe1a85ec53ull;
  return static_cast<uint32_t>(h >> 32);
}

inline int32_t FindGroup(const Scanner& s, const uint8_t* p, size_t n) {
  const uint32_t h = HashKey(p, n);
  const uint64_t w0 = Word(p, n);
  const uint64_t w1 = n > 8 ? Word(p + 8, n - 8) : 0;
  for (uint32_t slot = h & s.mask;; slot = (slot + 1) & s.mask) {
    const Slot& entry = s.slots[slot];
    if (entry.id == 0) return -1;
    if (entry.hash != h) continue;
    const int32_t id = entry.id - 1;
    const Key& key = s.keys[id];
    if (key.length != n || key.w0 != w0 || key.w1 != w1) continue;
    if (n <= 16 || std::memcmp(s.arena.data() + s.start[id] + 16, p + 16, n - 16) == 0) return id;
  }
}

// The same rule as parseUint in groups.ts: 1 to 10 digits, at most 2^31 − 1; −1 otherwise.
inline int64_t ParseUint(const uint8_t* p, size_t n) {
  if (n == 0 || n > 10) return -1;
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    const unsigned d = static_cast<unsigned>(p[i]) - 48u;
    if (d > 9) return -1;
    v = v * 10 + d;
  }
  return v > kMaxInt ? -1 : static_cast<int64_t>(v);
}

inline bool Ascii(const uint8_t* p, size_t n) {
  uint8_t high = 0;
  for (size_t i = 0; i < n; i++) high |= p[i];
  return (high & 0x80) == 0;
}

// Takes the plain rows of b[from..end), at most maxRows, kRecord ints each in out (see Scan); returns
// how many, and in *next the position after the last one.
int32_t ScanRows(const Scanner& s, const uint8_t* b, int64_t from, int64_t end, int32_t* out, int32_t maxRows, int64_t* next) {
  int64_t p = from;
  int32_t rows = 0;
  int64_t prevC = -1, prevCe = -1, prevF = -1, prevFe = -1;
  int64_t fs[kColumns];
  int64_t fe[kColumns];
  while (rows < maxRows && p < end) {
    const uint8_t first = b[p];
    if (first == '\n' || first == '\r') break;
    int col = 0;
    int64_t i = p;
    bool ok = false;
    for (;;) {
      fs[col] = i;
      i = NextStop(b, i, end);
      if (i >= end) break;
      const uint8_t c = b[i];
      if (c == ',') {
        fe[col++] = i++;
        if (col == kColumns) break;
        continue;
      }
      if (c == '\n') {
        fe[col++] = i++;
        ok = col == kColumns;
        break;
      }
      if (c == '\r' && col == kColumns - 1 && i + 1 < end && b[i + 1] == '\n') {
        fe[col++] = i;
        i += 2;
        ok = true;
      }
      break;
    }
    if (!ok) break;
    const uint8_t* cand = b + fs[0];
    const size_t candLen = static_cast<size_t>(fe[0] - fs[0]);
    const uint8_t* flags = b + fs[3];
    const size_t flagsLen = static_cast<size_t>(fe[3] - fs[3]);
    if (candLen == 0 || !Ascii(cand, candLen) || !Ascii(flags, flagsLen)) break;
    const int32_t group = FindGroup(s, b + fs[1], static_cast<size_t>(fe[1] - fs[1]));
    if (group < 0) break;
    const int64_t rank = ParseUint(b + fs[2], static_cast<size_t>(fe[2] - fs[2]));
    if (rank < 1) break;
    const size_t statusLen = static_cast<size_t>(fe[4] - fs[4]);
    int32_t status = -1;
    for (size_t k = 0; k < s.statuses.size(); k++) {
      const std::string& name = s.statuses[k];
      if (name.size() == statusLen && std::memcmp(name.data(), b + fs[4], statusLen) == 0) {
        status = static_cast<int32_t>(k);
        break;
      }
    }
    if (status < 0) break;
    const int64_t preference = ParseUint(b + fs[5], static_cast<size_t>(fe[5] - fs[5]));
    if (preference < 0) break;
    int32_t* r = out + static_cast<size_t>(rows) * kRecord;
    r[0] = static_cast<int32_t>(p);
    r[1] = group;
    r[2] = static_cast<int32_t>(rank);
    r[3] = status;
    r[4] = static_cast<int32_t>(preference);
    const bool sameCand = prevC >= 0 && static_cast<size_t>(prevCe - prevC) == candLen && std::memcmp(b + prevC, cand, candLen) == 0;
    r[5] = sameCand ? -1 : static_cast<int32_t>(fs[0]);
    r[6] = static_cast<int32_t>(fe[0]);
    const bool sameFlags = prevF >= 0 && static_cast<size_t>(prevFe - prevF) == flagsLen && std::memcmp(b + prevF, flags, flagsLen) == 0;
    r[7] = sameFlags ? -1 : static_cast<int32_t>(fs[3]);
    r[8] = static_cast<int32_t>(fe[3]);
    prevC = fs[0];
    prevCe = fe[0];
    prevF = fs[3];
    prevFe = fe[3];
    rows++;
    p = i;
  }
  *next = p;
  return rows;
}

// The hash table of the group ids in s->arena / s->start.
void Index(Scanner* s) {
  const int32_t groups = static_cast<int32_t>(s->start.size()) - 1;
  uint32_t size = 16;
  while (size < static_cast<uint32_t>(groups) * 2 + 2) size <<= 1;
  s->mask = size - 1;
  s->slots.assign(size, Slot{0, 0});
  s->keys.resize(static_cast<size_t>(groups));
  for (int32_t id = 0; id < groups; id++) {
    const uint8_t* p = s->arena.data() + s->start[id];
    const size_t n = static_cast<size_t>(s->start[id + 1] - s->start[id]);
    s->keys[id] = Key{Word(p, n), n > 8 ? Word(p + 8, n - 8) : 0, n};
    const uint32_t h = HashKey(p, n);
    uint32_t slot = h & s->mask;
    while (s->slots[slot].id != 0) slot = (slot + 1) & s->mask;
    s->slots[slot] = Slot{id + 1, h};
  }
}

// new Scanner(groupArena: Uint8Array, groupStart: Int32Array, groups: number, statuses: string[])
napi_value New(napi_env env, napi_callback_info info) {
  const Args<4> args(env, info);
  if (!args.ok) return Fail(env, "Scanner(groupArena, groupStart, groups, statuses)");
  Bytes arena, start;
  int32_t groups;
  if (!TypedArray(env, args[0], &arena) || !TypedArray(env, args[1], &start) || napi_get_value_int32(env, args[2], &groups) != napi_ok ||
      groups < 0 || start.size < (static_cast<size_t>(groups) + 1) * 4) {
    return Fail(env, "Scanner: bad group table");
  }
  auto* s = new Scanner();
  const int32_t* st = static_cast<const int32_t*>(start.data);
  s->start.assign(st, st + groups + 1);
  const size_t used = groups > 0 ? static_cast<size_t>(st[groups]) : 0;
  if (used > arena.size) {
    delete s;
    return Fail(env, "Scanner: bad group arena");
  }
  const uint8_t* a = static_cast<const uint8_t*>(arena.data);
  s->arena.assign(a, a + used);
  Index(s);
  uint32_t count = 0;
  napi_get_array_length(env, args[3], &count);
  for (uint32_t i = 0; i < count; i++) {
    napi_value v;
    napi_get_element(env, args[3], i, &v);
    char text[64];
    size_t len = 0;
    napi_get_value_string_utf8(env, v, text, sizeof text, &len);
    s->statuses.emplace_back(text, len);
  }
  return Wrap(env, args.self, s);
}

// scan(bytes, from, to, out: Int32Array, maxRows) → rows taken; out holds kRecord ints per row, and
// out[maxRows · kRecord] the position after the last row taken. A candidate or flags field equal to
// the previous row's (of the same call) is given as −1.
napi_value Scan(napi_env env, napi_callback_info info) {
  const Args<5> args(env, info);
  Scanner* s = args.ok ? Unwrap<Scanner>(env, args.self) : nullptr;
  if (s == nullptr) return Fail(env, "scan(bytes, from, to, out, maxRows)");
  Bytes bytes, outArg;
  int64_t from;
  int64_t to;
  int32_t maxRows;
  if (!TypedArray(env, args[0], &bytes) || napi_get_value_int64(env, args[1], &from) != napi_ok ||
      napi_get_value_int64(env, args[2], &to) != napi_ok || !TypedArray(env, args[3], &outArg) ||
      napi_get_value_int32(env, args[4], &maxRows) != napi_ok || maxRows < 0 || from < 0 || to < from ||
      static_cast<size_t>(to) > bytes.size || outArg.size < (static_cast<size_t>(maxRows) * kRecord + 1) * 4 || to > INT32_MAX) {
    return Fail(env, "scan: bad arguments");
  }
  int32_t* out = static_cast<int32_t*>(outArg.data);
  int64_t p;
  const int32_t rows = ScanRows(*s, static_cast<const uint8_t*>(bytes.data), from, to, out, maxRows, &p);
  out[static_cast<size_t>(maxRows) * kRecord] = static_cast<int32_t>(p);
  napi_value result;
  napi_create_int32(env, rows, &result);
  return result;
}

}  // namespace

void ExportWishScanner(napi_env env, napi_value exports) {
  ExportClass(env, exports, "Scanner", New, "scan", Scan);
  napi_value record;
  napi_create_int32(env, kRecord, &record);
  napi_set_named_property(env, exports, "RECORD", record);
}
