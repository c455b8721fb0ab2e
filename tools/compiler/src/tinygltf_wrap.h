// tiny_gltf.h declarations, kept quiet under our warning flags. The implementation is
// Debian's prebuilt libtinygltf: never define TINYGLTF_IMPLEMENTATION here.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#include <tiny_gltf.h>
#pragma GCC diagnostic pop
