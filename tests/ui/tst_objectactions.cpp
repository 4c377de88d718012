// GUI flows of changing objects, offscreen against FakeApiServer (watches on, 600 pods so the
// list is longer than a page): edit -> review -> apply, a conflict resolved with an explicit
// force, validation errors marked on their YAML lines, delete of several rows with a
// confirmation that names them, actions RBAC disables for a read-only viewer (with the missing
// verb in the tooltip), and --read-only hiding every mutation.

#include "deleteconfirmdialog.h"
#include "mainwindow.h"
#include "objectactionscontroller.h"
#include "objectlistview.h"
#include "yamleditorpanel.h"

#include "actions/accessreviewer.h"
#include "actions/objecteditsession.h"
#include "dynamic/dynamicclient.h"
#include "rest/restclient.h"
#include "testing/fakeapiserver.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using kube::testing::FakeApiServer;
using namespace kube;
using namespace kube::ui;

namespace {

const QString AdminToken = QStringLiteral("admin-token");
const QString ViewerToken = QStringLiteral("viewer-token");

QJsonObject webDeployment(int replicas, const QString &owner)
{
    QJsonObject meta { { u"name"_qs, u"web"_qs },
                       { u"namespace"_qs, u"default"_qs },
                       { u"labels"_qs, QJsonObject { { u"app"_qs, u"web"_qs } } } };
    if (!owner.isEmpty())
        meta.insert(
            u"managedFields"_qs,
            QJsonArray { QJsonObject {
                { u"manager"_qs, owner },
                { u"operation"_qs, u"Update"_qs },
                { u"apiVersion"_qs, u"apps/v1"_qs },
                { u"time"_qs, u"2026-01-01T00:00:00Z"_qs },
                { u"fieldsType"_qs, u"FieldsV1"_qs },
                { u"fieldsV1"_qs,
                  QJsonObject { { u"f:spec"_qs,
                                  QJsonObject { { u"f:replicas"_qs, QJsonObject {} } } } } } } });
    return {
        { u"metadata"_qs, meta },
        { u"spec"_qs,
          QJsonObject {
              { u"replicas"_qs, replicas },
              { u"selector"_qs,
                QJsonObject { { u"matchLabels"_qs, QJsonObject { { u"app"_qs, u"web"_qs } } } } },
              { u"template"_qs,
                QJsonObject {
                    { u"metadata"_qs,
                      QJsonObject { { u"labels"_qs, QJsonObject { { u"app"_qs, u"web"_qs } } } } },
                    { u"spec"_qs,
                      QJsonObject { { u"containers"_qs,
                                      QJsonArray { QJsonObject {
                                          { u"name"_qs, u"web"_qs },
                                          { u"image"_qs, u"nginx:1.27"_qs } } } } } } } } } }
    };
}

//! Clicks the button named \a buttonName of the next modal dialog, once it is shown.
void clickInNextDialog(const QString &buttonName, QString *seenText = nullptr)
{
    auto *timer = new QTimer;
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, [timer, buttonName, seenText] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        if (seenText) {
            if (auto *box = qobject_cast<QMessageBox *>(modal))
                *seenText = box->text();
            if (auto *d = qobject_cast<DeleteConfirmDialog *>(modal))
                *seenText = d->text();
        }
        if (auto *b = modal->findChild<QPushButton *>(buttonName))
            b->click();
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
}

} // namespace

class tst_ObjectActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void editReviewApply();
    void conflictThenForce();
    void validationErrorsMarkLines();
    void createFromSkeleton();
    void deleteSeveralWithConfirmation();
    void viewerSeesActionsDisabled_data();
    void viewerSeesActionsDisabled();
    void readOnlyHidesMutations();

private:
    std::shared_ptr<DynamicClient> client(const QString &token) const;
    QJsonObject web() const;
    ObjectRef webRef() const
    {
        return { { u"apps"_qs, u"v1"_qs, u"deployments"_qs },
                 u"Deployment"_qs,
                 true,
                 u"default"_qs,
                 u"web"_qs };
    }

    QTemporaryDir m_dir;
    std::unique_ptr<FakeApiServer> m_server;
};

void tst_ObjectActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    kube::testing::FakeApiServerOptions options;
    options.tls = true;
    options.bearerToken = AdminToken;
    options.viewerToken = ViewerToken;
    m_server = std::make_unique<FakeApiServer>(options);
    FakeApiServer::StockOptions stock;
    stock.pods = 600;
    m_server->loadStockCluster(stock);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void tst_ObjectActions::init()
{
    m_server->addObject(u"apps"_qs, u"v1"_qs, u"deployments"_qs, webDeployment(2, u"helm"_qs));
}

std::shared_ptr<DynamicClient> tst_ObjectActions::client(const QString &token) const
{
    RestConfig cfg;
    cfg.host = m_server->url();
    cfg.tls.caData = m_server->caCertificatePem();
    cfg.bearerToken = token;
    return std::make_shared<DynamicClient>(RestClient::createUnversioned(cfg));
}

QJsonObject tst_ObjectActions::web() const
{
    for (const QJsonObject &o :
         m_server->objects(u"apps"_qs, u"v1"_qs, u"deployments"_qs, u"default"_qs)) {
        if (o.value(u"metadata"_qs)[u"name"_qs] == u"web"_qs)
            return o;
    }
    return {};
}

void tst_ObjectActions::editReviewApply()
{
    YamlEditorPanel panel;
    ObjectEditSession session(client(AdminToken));
    panel.setSession(&session);
    panel.show();

    // Given the deployment loaded into the editor, without status or managedFields
    panel.edit(webRef());
    QTRY_VERIFY_WITH_TIMEOUT(panel.applyButton()->isEnabled(), 20000);
    QString yaml = panel.editor()->toPlainText();
    QVERIFY2(yaml.contains(u"replicas: 2"_qs), qPrintable(yaml));
    QVERIFY(!yaml.contains(u"managedFields"_qs));

    // When the user adds a label and reviews
    yaml.replace(u"    app: web\n  name: web"_qs, u"    app: web\n    tier: front\n  name: web"_qs);
    QVERIFY2(yaml.contains(u"tier: front"_qs), qPrintable(yaml));
    panel.editor()->setPlainText(yaml);
    QSignalSpy reviewed(&session, &ObjectEditSession::reviewed);
    QTest::mouseClick(panel.reviewButton(), Qt::LeftButton);
    QVERIFY(reviewed.wait(20000));
    // Then the diff shows the added label, no managedFields, and nothing was stored
    const QString diff = panel.diffView()->toPlainText();
    QVERIFY2(diff.contains(u"\n+     tier: front\n"_qs), qPrintable(diff));
    QVERIFY2(!diff.contains(u"managedFields"_qs), qPrintable(diff));
    QVERIFY(!web().value(u"metadata"_qs)[u"labels"_qs].toObject().contains(u"tier"_qs));

    // When applied, the server has it, owned by field manager "kubrowser"
    QSignalSpy applied(&panel, &YamlEditorPanel::applied);
    QTest::mouseClick(panel.applyButton(), Qt::LeftButton);
    QVERIFY(applied.wait(20000));
    QCOMPARE(applied.first().first().toString(), u"deployment.apps/web serverside-applied"_qs);
    QCOMPARE(web().value(u"metadata"_qs)[u"labels"_qs][u"tier"_qs].toString(), u"front"_qs);
    bool kubrowserManages = false;
    for (const QJsonValue &m : web().value(u"metadata"_qs)[u"managedFields"_qs].toArray())
        kubrowserManages
            |= m[u"manager"_qs] == u"kubrowser"_qs && m[u"operation"_qs] == u"Apply"_qs;
    QVERIFY(kubrowserManages);
}

void tst_ObjectActions::conflictThenForce()
{
    YamlEditorPanel panel;
    ObjectEditSession session(client(AdminToken));
    panel.setSession(&session);
    panel.show();
    panel.edit(webRef());
    QTRY_VERIFY_WITH_TIMEOUT(panel.applyButton()->isEnabled(), 20000);

    // Given replicas changed, which "helm" owns
    panel.editor()->setPlainText(
        panel.editor()->toPlainText().replace(u"replicas: 2"_qs, u"replicas: 6"_qs));
    // When applying: a conflict dialog names helm and .spec.replicas; the user cancels first
    QString text;
    QSignalSpy conflict(&session, &ObjectEditSession::conflicted);
    auto *cancel = new QTimer(this);
    cancel->setInterval(50);
    connect(cancel, &QTimer::timeout, this, [cancel, &text] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            text = box->text();
            box->button(QMessageBox::Cancel)->click();
            cancel->stop();
        }
    });
    cancel->start();
    QTest::mouseClick(panel.applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(conflict.size(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!cancel->isActive(), 20000);
    QVERIFY2(text.contains(u"helm owns: .spec.replicas"_qs), qPrintable(text));
    QCOMPARE(web().value(u"spec"_qs)[u"replicas"_qs].toInt(), 2);

    // When applying again and choosing "Force apply", the change is made
    QSignalSpy applied(&panel, &YamlEditorPanel::applied);
    clickInNextDialog(u"forceButton"_qs);
    QTest::mouseClick(panel.applyButton(), Qt::LeftButton);
    QVERIFY(applied.wait(20000));
    QCOMPARE(web().value(u"spec"_qs)[u"replicas"_qs].toInt(), 6);
}

void tst_ObjectActions::validationErrorsMarkLines()
{
    YamlEditorPanel panel;
    ObjectEditSession session(client(AdminToken));
    panel.setSession(&session);
    panel.edit(webRef());
    QTRY_VERIFY_WITH_TIMEOUT(panel.applyButton()->isEnabled(), 20000);
    const QString yaml = panel.editor()->toPlainText().replace(
        u"image: nginx:1.27"_qs,
        u"image: \"\""_qs); // not replicas: helm owns them, and conflicts come before validation
    panel.editor()->setPlainText(yaml);
    const int expectedLine = int(yaml.left(yaml.indexOf(u"image: \"\""_qs)).count(u'\n')) + 1;

    QSignalSpy invalid(&session, &ObjectEditSession::invalid);
    QTest::mouseClick(panel.reviewButton(), Qt::LeftButton);
    QVERIFY(invalid.wait(20000));
    QCOMPARE(panel.markedLines(), QList<int> { expectedLine });
    QCOMPARE(panel.errorList()->count(), 1);
    QVERIFY2(panel.errorList()->item(0)->text().startsWith(
                 u"Line %1: spec.template.spec.containers[0].image: Required value"_qs.arg(
                     expectedLine)),
             qPrintable(panel.errorList()->item(0)->text()));
}

void tst_ObjectActions::createFromSkeleton()
{
    YamlEditorPanel panel;
    ObjectEditSession session(client(AdminToken));
    panel.setSession(&session);
    panel.create(
        { { QString(), u"v1"_qs, u"configmaps"_qs }, u"ConfigMap"_qs, true, u"default"_qs, {} });
    QTRY_VERIFY_WITH_TIMEOUT(panel.applyButton()->isEnabled(), 20000);
    QVERIFY2(panel.editor()->toPlainText().contains(u"kind: ConfigMap"_qs),
             qPrintable(panel.editor()->toPlainText()));
    QSignalSpy applied(&panel, &YamlEditorPanel::applied);
    QTest::mouseClick(panel.applyButton(), Qt::LeftButton);
    QVERIFY(applied.wait(20000));
    bool found = false;
    for (const QJsonObject &o :
         m_server->objects(QString(), u"v1"_qs, u"configmaps"_qs, u"default"_qs))
        found |= o.value(u"metadata"_qs)[u"name"_qs] == u"new-configmap"_qs;
    QVERIFY(found);
}

void tst_ObjectActions::deleteSeveralWithConfirmation()
{
    m_server->addObject(u"apps"_qs, u"v1"_qs, u"deployments"_qs,
                        QJsonObject { { u"metadata"_qs,
                                        QJsonObject { { u"name"_qs, u"api"_qs },
                                                      { u"namespace"_qs, u"default"_qs } } },
                                      { u"spec"_qs, QJsonObject { { u"replicas"_qs, 1 } } } });
    QWidget parent;
    ObjectActionsController controller(&parent);
    controller.setClient(client(AdminToken));
    ResourceType type;
    type.group = u"apps"_qs;
    type.version = u"v1"_qs;
    type.resource = u"deployments"_qs;
    type.kind = u"Deployment"_qs;
    controller.setSelection(type,
                            { ObjectRow { u"web"_qs, u"default"_qs, {}, {}, 0, {} },
                              ObjectRow { u"api"_qs, u"default"_qs, {}, {}, 0, {} } });
    QAction *del = controller.action(ObjectAction::Delete);
    QVERIFY(del->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(del->isEnabled(), 20000);

    // Cancel first: nothing is deleted
    QString text;
    auto *cancel = new QTimer(this);
    cancel->setInterval(50);
    connect(cancel, &QTimer::timeout, this, [cancel, &text] {
        if (auto *d = qobject_cast<DeleteConfirmDialog *>(QApplication::activeModalWidget())) {
            text = d->text();
            d->reject();
            cancel->stop();
        }
    });
    cancel->start();
    del->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!cancel->isActive(), 20000);
    QVERIFY2(text.contains(u"default/deployment.apps/web"_qs)
                 && text.contains(u"default/deployment.apps/api"_qs),
             qPrintable(text));
    QVERIFY(!web().isEmpty());

    // Confirm: both go, and the result is reported with kubectl's wording
    QSignalSpy reported(&controller, &ObjectActionsController::reported);
    clickInNextDialog(u"deleteButton"_qs);
    del->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(reported.size(), 1, 20000);
    QCOMPARE(reported.first().at(0).toString(),
             u"deployment.apps \"web\" deleted\ndeployment.apps \"api\" deleted"_qs);
    QCOMPARE(reported.first().at(1).toBool(), true);
    QVERIFY(web().isEmpty());
}

void tst_ObjectActions::viewerSeesActionsDisabled_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("enabled");
    QTest::newRow("admin") << AdminToken << true;
    QTest::newRow("viewer") << ViewerToken << false;
}

void tst_ObjectActions::viewerSeesActionsDisabled()
{
    QFETCH(QString, token);
    QFETCH(bool, enabled);
    QWidget parent;
    ObjectActionsController controller(&parent);
    controller.setClient(client(token));
    ResourceType type;
    type.group = u"apps"_qs;
    type.version = u"v1"_qs;
    type.resource = u"deployments"_qs;
    type.kind = u"Deployment"_qs;
    controller.setSelection(type, { ObjectRow { u"web"_qs, u"default"_qs, {}, {}, 0, {} } });
    // Every applicable action waits for its access review, then is enabled or not.
    QTRY_COMPARE_WITH_TIMEOUT(controller.accessReviewer()->cacheSize(), 4,
                              20000); // delete, patch, patch scale, create
    for (QAction *a :
         { controller.action(ObjectAction::Delete), controller.action(ObjectAction::Scale),
           controller.action(ObjectAction::Restart), controller.editAction() }) {
        QTRY_COMPARE_WITH_TIMEOUT(a->isEnabled(), enabled, 20000);
        QVERIFY(a->isVisible());
    }
    QVERIFY(!controller.action(ObjectAction::Cordon)->isVisible()); // not for Deployments
    if (!enabled) {
        QVERIFY2(controller.action(ObjectAction::Delete)->toolTip().contains(u"verb \"delete\""_qs),
                 qPrintable(controller.action(ObjectAction::Delete)->toolTip()));
        QVERIFY2(controller.action(ObjectAction::Scale)
                     ->toolTip()
                     .contains(u"verb \"patch\" on deployments/scale.apps"_qs),
                 qPrintable(controller.action(ObjectAction::Scale)->toolTip()));
    }
    // Asking again is answered from the cache.
    const int requests = controller.accessReviewer()->requestCount();
    controller.setSelection(type, { ObjectRow { u"web"_qs, u"default"_qs, {}, {}, 0, {} } });
    QCOMPARE(controller.accessReviewer()->requestCount(), requests);
    // A context switch forgets the answers.
    controller.setClient(client(token));
    QCOMPARE(controller.accessReviewer()->cacheSize(), 0);
}

void tst_ObjectActions::readOnlyHidesMutations()
{
    const QString kubeconfig = m_server->writeKubeconfig(m_dir.path());
    MainWindow::Options options;
    options.kubeconfig = kubeconfig;
    options.cacheRoot = m_dir.filePath(u"cache"_qs);
    options.namespaceName = u"default"_qs;
    options.resource = u"deployments"_qs;
    options.readOnly = true;
    MainWindow window(options);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::listLoaded);
    QVERIFY(loaded.wait(30000));
    QVERIFY(window.selectRow(0));
    QTRY_VERIFY_WITH_TIMEOUT(window.objectList()->currentRow().has_value(), 20000);
    for (QAction *a : window.objectActions()->actions())
        QVERIFY2(!a->isVisible(), qPrintable(a->text()));
}

QTEST_MAIN(tst_ObjectActions)
#include "tst_objectactions.moc"
