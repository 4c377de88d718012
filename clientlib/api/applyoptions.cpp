#include "applyoptions.h"

namespace kube {

PatchOptions ApplyOptions::toPatchOptions() const
{
    PatchOptions p;
    p.dryRun = dryRun;
    p.force = force;
    p.fieldManager = fieldManager;
    return p;
}

} // namespace kube
