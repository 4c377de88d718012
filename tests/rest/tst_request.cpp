#include "rest/restclient.h"
#include "rest/restreply.h"
#include "rest/waitfor.h"

#include <QSignalSpy>
#include <QTest>

using namespace kube;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::function<kube::Request(kube::RestClient &)>)

using Build = std::function<Request(RestClient &)>;

class tst_Request : public QObject
{
    Q_OBJECT

private slots:
    void url_data();
    void url();
    void builderErrors_data();
    void builderErrors();
    void errorSurfacesOnSend();
    void patchContentTypes();
    void headersAndAccept();

private:
    static std::shared_ptr<RestClient>
    client(const QString &host, const GroupVersion &gv, const QString &apiPath = {})
    {
        RestConfig cfg;
        cfg.host = QUrl(host);
        RestClient::Options o;
        o.apiPath = apiPath;
        return RestClient::create(cfg, gv, o);
    }
};

void tst_Request::url_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("version");
    QTest::addColumn<Build>("build");
    QTest::addColumn<QString>("expected");

    const QString h = QStringLiteral("https://127.0.0.1:6443");
    QTest::newRow("namespaced list")
        << h << ""
        << "v1"
        << Build([](RestClient &c) { return c.get().inNamespace("default").resource("pods"); })
        << "https://127.0.0.1:6443/api/v1/namespaces/default/pods";
    QTest::newRow("cluster-scoped")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().resource("nodes").name("node-1"); })
        << "https://127.0.0.1:6443/api/v1/nodes/node-1";
    QTest::newRow("empty namespace is all namespaces")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().inNamespace("").resource("pods"); })
        << "https://127.0.0.1:6443/api/v1/pods";
    QTest::newRow("group")
        << h << "apps"
        << "v1" << Build([](RestClient &c) {
               return c.get().inNamespace("kube-system").resource("deployments").name("coredns");
           })
        << "https://127.0.0.1:6443/apis/apps/v1/namespaces/kube-system/deployments/coredns";
    QTest::newRow("resource lower-cased")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().resource("Pods"); })
        << "https://127.0.0.1:6443/api/v1/pods";
    QTest::newRow("subresource")
        << h << "apps"
        << "v1" << Build([](RestClient &c) {
               return c.put()
                   .inNamespace("ns")
                   .resource("deployments")
                   .name("web")
                   .subresource("scale");
           })
        << "https://127.0.0.1:6443/apis/apps/v1/namespaces/ns/deployments/web/scale";
    QTest::newRow("subresource without name")
        << h << ""
        << "v1"
        << Build([](RestClient &c) { return c.get().resource("pods").subresource("status"); })
        << "https://127.0.0.1:6443/api/v1/pods/status";
    QTest::newRow("suffix")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.get()
                   .inNamespace("ns")
                   .resource("services")
                   .name("web:80")
                   .subresource("proxy")
                   .suffix("healthz/ready");
           })
        << "https://127.0.0.1:6443/api/v1/namespaces/ns/services/web:80/proxy/healthz/ready";
    QTest::newRow("namespace object")
        << h << ""
        << "v1"
        << Build([](RestClient &c) { return c.get().resource("namespaces").name("default"); })
        << "https://127.0.0.1:6443/api/v1/namespaces/default";
    QTest::newRow("host path prefix")
        << "https://example.com:8443/k8s/clusters/c-1"
        << ""
        << "v1"
        << Build([](RestClient &c) { return c.get().inNamespace("default").resource("pods"); })
        << "https://example.com:8443/k8s/clusters/c-1/api/v1/namespaces/default/pods";
    QTest::newRow("absPath") << h << ""
                             << "v1"
                             << Build([](RestClient &c) { return c.get().absPath("/apis"); })
                             << "https://127.0.0.1:6443/apis";
    QTest::newRow("absPath keeps trailing slash")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().absPath("/healthz/"); })
        << "https://127.0.0.1:6443/healthz/";
    QTest::newRow("absPath under host prefix")
        << "https://example.com/prefix"
        << ""
        << "v1" << Build([](RestClient &c) {
               return c.get().absPath(QStringList { "/apis", "apps", "v1" });
           })
        << "https://example.com/prefix/apis/apps/v1";
    QTest::newRow("absPath cleaned")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().absPath("/api//v1/../v1"); })
        << "https://127.0.0.1:6443/api/v1";
    QTest::newRow("params sorted and escaped")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.get().resource("pods").versionedParams(
                   ListOptions { .labelSelector = "app=web,tier in (a b)", .limit = 500 });
           })
        << "https://127.0.0.1:6443/api/v1/"
           "pods?labelSelector=app%3Dweb%2Ctier+in+%28a+b%29&limit=500";
    QTest::newRow("repeated params keep order")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.get().resource("pods").param("z", "1").param("a", "2").param("z", "0");
           })
        << "https://127.0.0.1:6443/api/v1/pods?a=2&z=1&z=0";
    QTest::newRow("timeout param")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().resource("pods").timeout(30s); })
        << "https://127.0.0.1:6443/api/v1/pods?timeout=30s";
    QTest::newRow("timeout replaces a plain timeout param")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.get().resource("pods").param("timeout", "5s").timeout(90s);
           })
        << "https://127.0.0.1:6443/api/v1/pods?timeout=1m30s";
    QTest::newRow("watch options")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.get().inNamespace("default").resource("pods").versionedParams(
                   ListOptions { .watch = true,
                                 .allowWatchBookmarks = true,
                                 .resourceVersion = "123",
                                 .timeoutSeconds = 300 });
           })
        << "https://127.0.0.1:6443/api/v1/namespaces/default/"
           "pods?allowWatchBookmarks=true&resourceVersion=123&timeoutSeconds=300&watch=true";
    QTest::newRow("delete options")
        << h << "apps"
        << "v1" << Build([](RestClient &c) {
               return c.deleteRequest()
                   .inNamespace("ns")
                   .resource("deployments")
                   .name("web")
                   .versionedParams(DeleteOptions { .gracePeriodSeconds = 0,
                                                    .propagationPolicy = "Foreground",
                                                    .dryRun = { "All" } });
           })
        << "https://127.0.0.1:6443/apis/apps/v1/namespaces/ns/deployments/"
           "web?dryRun=All&gracePeriodSeconds=0&propagationPolicy=Foreground";
    QTest::newRow("patch options")
        << h << "apps"
        << "v1" << Build([](RestClient &c) {
               return c.patch(PatchType::Apply)
                   .inNamespace("ns")
                   .resource("deployments")
                   .name("web")
                   .versionedParams(PatchOptions { .force = true, .fieldManager = "kubrowser" });
           })
        << "https://127.0.0.1:6443/apis/apps/v1/namespaces/ns/deployments/"
           "web?fieldManager=kubrowser&force=true";
    QTest::newRow("create and get options")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.post()
                   .inNamespace("ns")
                   .resource("configmaps")
                   .versionedParams(CreateOptions { .fieldValidation = "Strict" })
                   .versionedParams(GetOptions { .resourceVersion = "0" });
           })
        << "https://127.0.0.1:6443/api/v1/namespaces/ns/"
           "configmaps?fieldValidation=Strict&resourceVersion=0";
    QTest::newRow("name with spaces and colon escaped in path")
        << h << ""
        << "v1"
        << Build([](RestClient &c) { return c.get().resource("nodes").name("system:node a"); })
        << "https://127.0.0.1:6443/api/v1/nodes/system:node%20a";
    QTest::newRow("unicode param")
        << h << ""
        << "v1" << Build([](RestClient &c) {
               return c.get().resource("pods").param("fieldSelector", "metadata.name=ü");
           })
        << "https://127.0.0.1:6443/api/v1/pods?fieldSelector=metadata.name%3D%C3%BC";
    QTest::newRow("api path override")
        << h << ""
        << "v1" << Build([](RestClient &c) { return c.get().resource("pods"); })
        << "https://127.0.0.1:6443/api/v1/pods";
}

void tst_Request::url()
{
    QFETCH(QString, host);
    QFETCH(QString, group);
    QFETCH(QString, version);
    QFETCH(Build, build);
    QFETCH(QString, expected);
    auto c = client(host, { group, version });
    const Request r = build(*c);
    QVERIFY2(!r.error(), qPrintable(r.error() ? r.error()->message : QString()));
    QCOMPARE(r.url().toEncoded(), expected.toUtf8());
}

void tst_Request::builderErrors_data()
{
    QTest::addColumn<Build>("build");
    QTest::addColumn<QString>("message");
    QTest::newRow("namespace twice")
        << Build([](RestClient &c) { return c.get().inNamespace("a").inNamespace("b"); })
        << R"(namespace already set to "a", cannot change to "b")";
    QTest::newRow("resource twice")
        << Build([](RestClient &c) { return c.get().resource("pods").resource("nodes"); })
        << R"(resource already set to "pods", cannot change to "nodes")";
    QTest::newRow("name twice") << Build([](RestClient &c) {
        return c.get().resource("pods").name("a").name("b");
    }) << R"(resource name already set to "a", cannot change to "b")";
    QTest::newRow("empty name") << Build([](RestClient &c) {
        return c.get().resource("pods").name("");
    }) << "resource name may not be empty";
    QTest::newRow("name dot") << Build([](RestClient &c) {
        return c.get().resource("pods").name(".");
    }) << R"(invalid resource name ".": [may not be '.'])";
    QTest::newRow("name dotdot") << Build([](RestClient &c) {
        return c.get().resource("pods").name("..");
    }) << R"(invalid resource name "..": [may not be '..'])";
    QTest::newRow("name slash") << Build([](RestClient &c) {
        return c.get().resource("pods").name("a/b");
    }) << R"(invalid resource name "a/b": [may not contain '/'])";
    QTest::newRow("name percent and slash")
        << Build([](RestClient &c) { return c.get().resource("pods").name("a%2F/b"); })
        << R"(invalid resource name "a%2F/b": [may not contain '/' may not contain '%'])";
    QTest::newRow("namespace slash")
        << Build([](RestClient &c) { return c.get().inNamespace("x/y"); })
        << R"(invalid namespace "x/y": [may not contain '/'])";
    QTest::newRow("resource dotdot") << Build([](RestClient &c) { return c.get().resource(".."); })
                                     << R"(invalid resource "..": [may not be '..'])";
    QTest::newRow("subresource twice") << Build([](RestClient &c) {
        return c.get().resource("pods").name("a").subresource("log").subresource("status");
    }) << R"(subresource already set to "log", cannot change to "status")";
    QTest::newRow("subresource percent") << Build([](RestClient &c) {
        return c.get().resource("pods").name("a").subresource("l%g");
    }) << R"(invalid subresource "l%g": [may not contain '%'])";
    QTest::newRow("first error wins")
        << Build([](RestClient &c) { return c.get().resource("pods").name("a/b").name("c"); })
        << R"(invalid resource name "a/b": [may not contain '/'])";
}

void tst_Request::builderErrors()
{
    QFETCH(Build, build);
    QFETCH(QString, message);
    auto c = client(QStringLiteral("https://127.0.0.1:6443"), { "", "v1" });
    const Request r = build(*c);
    QVERIFY(r.error());
    QCOMPARE(r.error()->kind, Error::Kind::InvalidRequest);
    QCOMPARE(r.error()->message, message);
}

void tst_Request::errorSurfacesOnSend()
{
    // Given a request with a builder mistake, when it is sent, the reply finishes (once) with
    // InvalidRequest and nothing goes to the network.
    auto c = client(QStringLiteral("http://127.0.0.1:1"), { "", "v1" });
    std::unique_ptr<RestReply> reply(c->get().resource("pods").name("..").send());
    QSignalSpy finished(reply.get(), &RestReply::finished);
    QVERIFY(!reply->isFinished()); // finishes from the event loop, after connect()
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.count(), 1);
    QVERIFY(reply->result().error);
    QCOMPARE(reply->result().error->kind, Error::Kind::InvalidRequest);
    QCOMPARE(reply->result().statusCode, 0);
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
}

void tst_Request::patchContentTypes()
{
    auto c = client(QStringLiteral("https://h"), { "apps", "v1" });
    QCOMPARE(c->patch(PatchType::Json).contentTypeHeader(),
             QByteArray("application/json-patch+json"));
    QCOMPARE(c->patch(PatchType::Merge).contentTypeHeader(),
             QByteArray("application/merge-patch+json"));
    QCOMPARE(c->patch(PatchType::StrategicMerge).contentTypeHeader(),
             QByteArray("application/strategic-merge-patch+json"));
    QCOMPARE(c->patch(PatchType::Apply).contentTypeHeader(),
             QByteArray("application/apply-patch+yaml"));
    QCOMPARE(c->patch(PatchType::Apply).verb(), QByteArray("PATCH"));
    QCOMPARE(c->post().contentTypeHeader(), QByteArray("application/json"));
}

void tst_Request::headersAndAccept()
{
    auto c = client(QStringLiteral("https://h"), { "", "v1" });
    QCOMPARE(c->get().acceptHeader(), QByteArray("application/json"));
    QCOMPARE(c->get().asTable().acceptHeader(),
             QByteArray("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
                        "v=v1beta1;g=meta.k8s.io,application/json"));
    Request r = c->get().setHeader("X-A", "1").setHeader("x-a", "2");
    QCOMPARE(r.headers().size(), 1);
    QCOMPARE(r.headers().first().second, QByteArray("2"));
    QCOMPARE(c->userAgent().left(10), QByteArray("kubrowser/"));
    QVERIFY(c->userAgent().contains(" kubernetes/"));
}

QTEST_GUILESS_MAIN(tst_Request)
#include "tst_request.moc"
