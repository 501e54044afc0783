// The admissions engine's native module (ADR 0018): the W.csv scanner and the call order's row writer.
#include "napi_helpers.h"

NAPI_MODULE_INIT() {
  ExportWishScanner(env, exports);
  ExportCallOrderRows(env, exports);
  return exports;
}
