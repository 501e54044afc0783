// The rows of one group in the call order's output, `group,candidate,call_rank`
// (src/areas/admissions/batch/run.ts, ADR 0018). Writing them is reading every wish's candidate name
// in random order: here the names are prefetched a few rows ahead, so their cache misses overlap.
// The JavaScript writer of callOrderGroups writes the same bytes where this module is not built; a
// property test compares the two.
#include <cstdint>
#include <cstring>

#include "napi_helpers.h"

namespace {

using fabriques::Args;
using fabriques::Bytes;
using fabriques::ExportClass;
using fabriques::Fail;
using fabriques::TypedArray;
using fabriques::Unwrap;
using fabriques::Wrap;

constexpr int kAhead = 8;  // rows between a name's prefetch and its use
constexpr uint8_t kQuote = '"';

// A part's candidate names: ByteInterner.compact(), its start and arena (see interner.ts).
struct Part {
  const int32_t* compact = nullptr;
  size_t ids = 0;
  const int32_t* start = nullptr;
  size_t starts = 0;
  const uint8_t* arena = nullptr;
  size_t arenaBytes = 0;
};

struct Names {
  int32_t first = 0;  // candidates below are the first part's, the others the second's (id − first)
  Part parts[2];
};

bool ReadPart(napi_env env, napi_value compact, napi_value start, napi_value arena, Part* p) {
  Bytes c, s, a;
  if (!TypedArray(env, compact, &c) || !TypedArray(env, start, &s) || !TypedArray(env, arena, &a)) return false;
  p->compact = static_cast<const int32_t*>(c.data);
  p->ids = c.size / 8;
  p->start = static_cast<const int32_t*>(s.data);
  p->starts = s.size / 4;
  p->arena = static_cast<const uint8_t*>(a.data);
  p->arenaBytes = a.size;
  return true;
}

// new CallOrderRows(first, compact, start, arena, compact2, start2, arena2): the arrays must stay
// alive and unchanged while it is used (the caller keeps them in its Output).
napi_value New(napi_env env, napi_callback_info info) {
  const Args<7> args(env, info);
  auto* names = new Names();
  if (!args.ok || napi_get_value_int32(env, args[0], &names->first) != napi_ok || names->first < 0 ||
      !ReadPart(env, args[1], args[2], args[3], &names->parts[0]) || !ReadPart(env, args[4], args[5], args[6], &names->parts[1]) ||
      names->parts[0].ids < static_cast<size_t>(names->first)) {
    delete names;
    return Fail(env, "CallOrderRows(first, compact, start, arena, compact2, start2, arena2)");
  }
  return Wrap(env, args.self, names);
}

inline uint8_t* PutInt(uint8_t* p, uint32_t n) {
  char digits[10];
  int k = 0;
  do {
    digits[k++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (k > 0) *p++ = static_cast<uint8_t>(digits[--k]);
  return p;
}

// write(out, pos, group, candidate, called, from, n) → rows of call ranks from+1..n for the group
// whose rows (in rank order) have the candidates `candidate` and whose call order is `called`,
// written at out[pos..]; returns [position after the last row written, next row], stopping early
// when the next row might not fit.
napi_value Write(napi_env env, napi_callback_info info) {
  const Args<7> args(env, info);
  Names* names = args.ok ? Unwrap<Names>(env, args.self) : nullptr;
  Bytes outArg, groupArg, candArg, calledArg;
  int64_t pos;
  int32_t from;
  int32_t n;
  if (names == nullptr || !TypedArray(env, args[0], &outArg) ||
      napi_get_value_int64(env, args[1], &pos) != napi_ok || !TypedArray(env, args[2], &groupArg) || !TypedArray(env, args[3], &candArg) ||
      !TypedArray(env, args[4], &calledArg) || napi_get_value_int32(env, args[5], &from) != napi_ok ||
      napi_get_value_int32(env, args[6], &n) != napi_ok || pos < 0 || static_cast<size_t>(pos) > outArg.size || from < 0 || n < from ||
      static_cast<size_t>(n) * 4 > calledArg.size) {
    return Fail(env, "write(out, pos, group, candidate, called, from, n)");
  }
  uint8_t* out = static_cast<uint8_t*>(outArg.data);
  const size_t outBytes = outArg.size;
  const uint8_t* group = static_cast<const uint8_t*>(groupArg.data);
  const size_t groupBytes = groupArg.size;
  const int32_t* candidate = static_cast<const int32_t*>(candArg.data);
  const size_t candidates = candArg.size / 4;
  const int32_t* called = static_cast<const int32_t*>(calledArg.data);
  const int32_t first = names->first;

  // the candidate (common numbering) of call rank j + 1, checked against the tables
  auto who = [&](int32_t j, const Part** part, int32_t* id) -> bool {
    const int32_t row = called[j];
    if (row < 0 || static_cast<size_t>(row) >= candidates) return false;
    const int32_t c = candidate[row];
    if (c < 0) return false;
    *part = &names->parts[c < first ? 0 : 1];
    *id = c < first ? c : c - first;
    return static_cast<size_t>(*id) < (*part)->ids;
  };

  for (int32_t j = from; j < n && j < from + kAhead; j++) {
    const Part* part;
    int32_t id;
    if (who(j, &part, &id)) __builtin_prefetch(part->compact + 2 * static_cast<size_t>(id));
  }
  uint8_t* p = out + pos;
  const uint8_t* end = out + outBytes;
  int32_t j = from;
  for (; j < n; j++) {
    if (j + kAhead < n) {
      const Part* ahead;
      int32_t aheadId;
      if (who(j + kAhead, &ahead, &aheadId)) __builtin_prefetch(ahead->compact + 2 * static_cast<size_t>(aheadId));
    }
    const Part* part;
    int32_t id;
    if (!who(j, &part, &id)) return Fail(env, "write: candidate out of range");
    const int32_t w0 = part->compact[2 * static_cast<size_t>(id)];
    const int32_t w1 = part->compact[2 * static_cast<size_t>(id) + 1];
    const bool inline_ = (w0 & 0xff) < 8;
    size_t nameFrom = 0;
    size_t nameLength = static_cast<size_t>(w0 & 0xff);
    if (!inline_) {
      if (static_cast<size_t>(id) + 1 >= part->starts) return Fail(env, "write: candidate out of range");
      nameFrom = static_cast<size_t>(part->start[id]);
      nameLength = static_cast<size_t>(part->start[id + 1]) - nameFrom;
      if (nameFrom + nameLength > part->arenaBytes) return Fail(env, "write: name out of range");
    }
    // the row at most: group, comma, name quoted with every byte doubled, comma, 10 digits, LF, and
    // 8 bytes written past the end by an inline name
    const size_t most = groupBytes + 2 * nameLength + 2 + 1 + 1 + 10 + 1 + 8;
    if (static_cast<size_t>(end - p) < most) break;
    std::memcpy(p, group, groupBytes);
    p += groupBytes;
    *p++ = ',';
    if (inline_) {
      const uint64_t bytes = (static_cast<uint64_t>(static_cast<uint32_t>(w0)) >> 8) | (static_cast<uint64_t>(static_cast<uint32_t>(w1)) << 24);
      std::memcpy(p, &bytes, 8);
      p += nameLength;
    } else {
      const uint8_t* name = part->arena + nameFrom;
      if (w0 & 0x100) {
        *p++ = kQuote;
        for (size_t k = 0; k < nameLength; k++) {
          if (name[k] == kQuote) *p++ = kQuote;
          *p++ = name[k];
        }
        *p++ = kQuote;
      } else {
        std::memcpy(p, name, nameLength);
        p += nameLength;
      }
    }
    *p++ = ',';
    p = PutInt(p, static_cast<uint32_t>(j) + 1);
    *p++ = '\n';
  }
  napi_value result;
  napi_value value;
  napi_create_array_with_length(env, 2, &result);
  napi_create_int64(env, p - out, &value);
  napi_set_element(env, result, 0, value);
  napi_create_int32(env, j, &value);
  napi_set_element(env, result, 1, value);
  return result;
}

}  // namespace

void ExportCallOrderRows(napi_env env, napi_value exports) {
  ExportClass(env, exports, "CallOrderRows", New, "write", Write);
}
