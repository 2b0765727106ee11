// uniform kernels (see DESIGN.md: kernels are pure functions over data pointers and counts).
