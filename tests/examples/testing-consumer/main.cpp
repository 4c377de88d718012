// Starts FakeApiServer from the installed KubeClient::Testing and lists its pods with the
// installed Clientset: prints the number of pods in all namespaces and exits 0 when it got them.

#include <kubeclient/rest/waitfor.h>
#include <kubeclient/testing/fakeapiserver.h>
#include <kubeclient/typed/generated/clientset.h>
#include <kubeclient/typed/generated/core_v1_client.h>

#include <QCoreApplication>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    kube::testing::FakeApiServer server;
    server.loadStockCluster({ .pods = 30 });
    if (!server.start()) {
        std::fprintf(stderr, "%s\n", server.errorString().toUtf8().constData());
        return 1;
    }
    kube::RestConfig config;
    config.host = server.url();
    const kube::Clientset clientSet = kube::Clientset::create(config);
    std::unique_ptr<kube::TypedReply<kube::core::v1::PodList>> pods(
        clientSet.coreV1().pods(QString()).list());
    kube::waitFor(pods.get());
    if (!pods->hasValue()) {
        std::fprintf(stderr, "%s\n", pods->error().toString().toUtf8().constData());
        return 1;
    }
    std::printf("%lld\n", static_cast<long long>(pods->value().items.size()));
    return pods->value().items.isEmpty() ? 1 : 0;
}
