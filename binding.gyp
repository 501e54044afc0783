{
  "targets": [
    {
      "target_name": "admissions",
      "sources": ["native/module.cc", "native/wish_scan.cc", "native/call_order_rows.cc"],
      "cflags_cc": ["-O3", "-std=c++17"]
    }
  ]
}
