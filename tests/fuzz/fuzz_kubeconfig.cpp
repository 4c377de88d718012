// libFuzzer: the kubeconfig loader (yaml-cpp underneath) and context resolution.
#include "config/kubeconfig.h"

#include <QString>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(data), qsizetype(size));
    kube::Result<kube::Kubeconfig> cfg
        = kube::Kubeconfig::parse(yaml, QStringLiteral("/nonexistent/fuzz/kubeconfig"));
    if (!cfg)
        return 0;
    // Resolving reads no file unless the document names one (relative names resolve under
    // /nonexistent); it decodes the -data fields and builds auth providers.
    for (const QString &context : cfg->contextNames())
        (void)cfg->restConfig(context);
    (void)cfg->restConfig();
    return 0;
}
