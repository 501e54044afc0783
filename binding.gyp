{
  "targets": [
    {
      "target_name": "wish_scan",
      "sources": ["native/wish_scan.cc"],
      "cflags_cc": ["-O3", "-std=c++17"]
    }
  ]
}
