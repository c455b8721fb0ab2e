// The vertex-to-fragment interface, shared so that every fragment shader consumes all
// of it (validation warns about unconsumed outputs). Define VARYING as `in` or `out`.
layout(location = 0) VARYING vec3 v_world;
layout(location = 1) VARYING vec3 v_normal;
layout(location = 2) VARYING vec4 v_tangent;  // w = handedness; 0 when the mesh has none
layout(location = 3) VARYING vec2 v_uv0;
layout(location = 4) VARYING vec2 v_uv1;
layout(location = 5) VARYING vec4 v_color;
layout(location = 6) flat VARYING vec3 v_eye;
