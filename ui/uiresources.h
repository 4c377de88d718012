#pragma once

namespace kube::ui {

//! Registers kubeui's compiled-in resources (icons). kubeui is a static library, whose
//! resource initialiser the linker would otherwise drop; safe to call more than once.
void initResources();

} // namespace kube::ui
