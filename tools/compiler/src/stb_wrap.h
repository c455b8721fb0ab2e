// stb_image declarations, kept quiet under our warning flags. The implementation is
// Debian's prebuilt libstb: never define STB_IMAGE_IMPLEMENTATION here.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include <stb/stb_image.h>
#pragma GCC diagnostic pop
