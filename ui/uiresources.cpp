#include "uiresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initKubrowserResources()
{
    Q_INIT_RESOURCE(kubrowser);
}

namespace kube::ui {

void initResources()
{
    static const bool done = [] {
        initKubrowserResources();
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace kube::ui
