// Helpers shared by the native modules of the admissions engine (ADR 0018).
#pragma once

#include <node_api.h>

#include <cstddef>

namespace fabriques {

// The memory of an Int32Array or Uint8Array: where it is and its size in bytes.
struct Bytes {
  void* data = nullptr;
  size_t size = 0;
};

// The memory of an Int32Array or Uint8Array (false for anything else).
inline bool TypedArray(napi_env env, napi_value v, Bytes* bytes) {
  napi_typedarray_type type;
  size_t length;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &bytes->data, &buffer, &offset) != napi_ok) return false;
  const size_t unit = type == napi_int32_array ? 4 : type == napi_uint8_array ? 1 : 0;
  if (unit == 0) return false;
  bytes->size = length * unit;
  return true;
}

// The arguments and `this` of a call, `argc` of them expected: `ok` when all were given.
template <size_t N>
struct Args {
  napi_value argv[N];
  napi_value self;
  bool ok;
  Args(napi_env env, napi_callback_info info) {
    size_t argc = N;
    ok = napi_get_cb_info(env, info, &argc, argv, &self, nullptr) == napi_ok && argc >= N;
  }
  napi_value operator[](size_t i) const { return argv[i]; }
};

// Gives `self` (a new object of a class defined by ExportClass) the C++ object `data`, deleted with it.
template <class T>
napi_value Wrap(napi_env env, napi_value self, T* data) {
  napi_wrap(env, self, data, [](napi_env, void* d, void*) { delete static_cast<T*>(d); }, nullptr, nullptr);
  return self;
}

// The C++ object that Wrap gave `self` (null if none).
template <class T>
T* Unwrap(napi_env env, napi_value self) {
  void* data = nullptr;
  return napi_unwrap(env, self, &data) == napi_ok ? static_cast<T*>(data) : nullptr;
}

// exports[name] = a class built by `constructor`, with one method.
inline void ExportClass(napi_env env, napi_value exports, const char* name, napi_callback constructor, const char* method, napi_callback call) {
  const napi_property_descriptor methods[] = {{method, nullptr, call, nullptr, nullptr, nullptr, napi_default, nullptr}};
  napi_value cls;
  napi_define_class(env, name, NAPI_AUTO_LENGTH, constructor, nullptr, 1, methods, &cls);
  napi_set_named_property(env, exports, name, cls);
}

// Throws a TypeError (a programming error: the JavaScript side passes what it must).
inline napi_value Fail(napi_env env, const char* message) {
  napi_throw_type_error(env, nullptr, message);
  return nullptr;
}

}  // namespace fabriques

void ExportWishScanner(napi_env env, napi_value exports);
void ExportCallOrderRows(napi_env env, napi_value exports);
