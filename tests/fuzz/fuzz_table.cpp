// libFuzzer: the server-side Table (meta.k8s.io/v1) parser behind every list view.
#include "api/table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    if (auto table = kube::Table::fromJson(json)) {
        for (const auto &row : table->rows)
            (void)row.cells.size();
    }
    return 0;
}
