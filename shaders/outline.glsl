// The highlight outline's colour, used by pbr.frag for the stencil-marking and outline
// passes (Push.flags & kFlagHighlightPass): a warm colour that breathes with the pulse;
// the draw's opacity fades it with the item. (One fragment shader for all passes keeps
// the vertex outputs consumed everywhere.)
vec4 outline_color() {
  float pulse = frame.params.y;
  vec3 color = frame.highlight_color.rgb * (0.75 + 0.25 * pulse);
  float alpha = (0.65 + 0.35 * pulse) * draws[pc.draw].center.w;
  return vec4(encode_output(color), alpha);
}
