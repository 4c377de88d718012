#include "portforwardmanager.h"

#include "rest/request.h"
#include "rest/restclient.h"
#include "rest/restreply.h"
#include "sessionlogging.h"
#include "streams/portforwarder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace kube::ui {

namespace {

QString phase(const QJsonObject &pod)
{
    return pod.value(QLatin1String("status")).toObject().value(QLatin1String("phase")).toString();
}

bool isReady(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(QLatin1String("status"))
                                   .toObject()
                                   .value(QLatin1String("conditions"))
                                   .toArray()) {
        const QJsonObject o = c.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("Ready"))
            return o.value(QLatin1String("status")).toString() == QLatin1String("True");
    }
    return false;
}

// kubectl's choice for port-forward to a Service or workload: running first, then ready.
QJsonObject choosePod(const QJsonArray &items)
{
    QList<QJsonObject> pods;
    for (const QJsonValue &v : items) {
        const QJsonObject p = v.toObject();
        if (p.value(QLatin1String("metadata"))
                .toObject()
                .contains(QLatin1String("deletionTimestamp")))
            continue;
        pods << p;
    }
    std::stable_sort(pods.begin(), pods.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const bool runA = phase(a) == QLatin1String("Running");
        const bool runB = phase(b) == QLatin1String("Running");
        if (runA != runB)
            return runA;
        return isReady(a) && !isReady(b);
    });
    return pods.value(0);
}

// A Service's targetPort: a number, or the name of a container port of the chosen pod.
int resolveTargetPort(const QJsonObject &pod, const PortForwardRequest &r)
{
    const QString target = r.targetPort.isEmpty() ? QString::number(r.port) : r.targetPort;
    bool numeric = false;
    const int number = target.toInt(&numeric);
    if (numeric)
        return number;
    for (const QJsonValue &c :
         pod.value(QLatin1String("spec")).toObject().value(QLatin1String("containers")).toArray()) {
        for (const QJsonValue &p : c.toObject().value(QLatin1String("ports")).toArray()) {
            const QJsonObject port = p.toObject();
            if (port.value(QLatin1String("name")).toString() == target)
                return port.value(QLatin1String("containerPort")).toInt();
        }
    }
    return 0;
}

QString bytes(qint64 n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

PortForwardManager::PortForwardManager(QObject *parent)
    : QAbstractTableModel(parent)
{
    // Byte counts change with every packet: the table follows them at most twice a second.
    m_statsTimer.setInterval(500);
    connect(&m_statsTimer, &QTimer::timeout, this, &PortForwardManager::refreshStats);
}

PortForwardManager::~PortForwardManager()
{
    for (Forward &f : m_forwards) {
        if (f.forwarder)
            f.forwarder->disconnect(this);
        if (f.lookup)
            f.lookup->disconnect(this);
    }
}

bool PortForwardManager::looksLikeHttp(int port, const QString &portName)
{
    const QString n = portName.toLower();
    if (n.startsWith(QLatin1String("http")) || n.startsWith(QLatin1String("web"))
        || n == QLatin1String("ui") || n.startsWith(QLatin1String("metrics"))
        || n == QLatin1String("dashboard"))
        return true;
    static const QList<int> common { 80, 443, 3000, 5000, 8000, 8080, 8081, 8443, 8888, 9090 };
    return common.contains(port);
}

int PortForwardManager::start(const RestConfig &config, const PortForwardRequest &request)
{
    Forward f;
    f.id = m_nextId++;
    f.config = config;
    f.request = request;
    f.local = request.localPort;
    const int id = f.id;
    beginInsertRows({}, int(m_forwards.size()), int(m_forwards.size()));
    m_forwards.append(f);
    endInsertRows();
    m_statsTimer.start();

    if (request.kind == QLatin1String("Pod")) {
        resolved(id, request.name, quint16(request.port));
        return id;
    }
    if (request.selector.isEmpty()) {
        const QString message = tr("%1 %2 selects no pods (it has no selector), so there is "
                                   "nothing to forward to.")
                                    .arg(request.kind, request.name);
        QMetaObject::invokeMethod(
            this, [this, id, message] { fail(id, message); }, Qt::QueuedConnection);
        return id;
    }
    auto client = RestClient::create(config, { QString(), QStringLiteral("v1") });
    RestReply *reply = client->get()
                           .inNamespace(request.ns)
                           .resource(QStringLiteral("pods"))
                           .param(QStringLiteral("labelSelector"), request.selector)
                           .send();
    reply->setParent(this);
    find(id)->lookup = reply;
    connect(reply, &RestReply::finished, this, [this, id, reply, client] {
        reply->deleteLater();
        Forward *f = find(id);
        if (!f || f->status != Status::Resolving)
            return;
        f->lookup = nullptr;
        if (!reply->result().ok()) {
            fail(id, reply->result().error->message);
            return;
        }
        const QJsonObject pod = choosePod(QJsonDocument::fromJson(reply->result().body)
                                              .object()
                                              .value(QLatin1String("items"))
                                              .toArray());
        const QString podName = pod.value(QLatin1String("metadata"))
                                    .toObject()
                                    .value(QLatin1String("name"))
                                    .toString();
        if (podName.isEmpty()) {
            fail(id,
                 tr("No running pod matches %1 %2 (selector %3).")
                     .arg(f->request.kind, f->request.name, f->request.selector));
            return;
        }
        const int remote = resolveTargetPort(pod, f->request);
        if (remote <= 0 || remote > 65535) {
            fail(id,
                 tr("Pod %1 has no container port named \"%2\".")
                     .arg(podName, f->request.targetPort));
            return;
        }
        resolved(id, podName, quint16(remote));
    });
    return id;
}

void PortForwardManager::resolved(int id, const QString &pod, quint16 remote)
{
    Forward *f = find(id);
    if (!f)
        return;
    f->pod = pod;
    f->remote = remote;
    f->status = Status::Starting;
    auto *forwarder = new PortForwarder(f->config, f->request.ns, pod, { { f->local, remote } },
                                        { QStringLiteral("localhost") }, this);
    f->forwarder = forwarder;
    connect(forwarder, &PortForwarder::ready, this, [this, id, forwarder] {
        Forward *f = find(id);
        if (!f)
            return;
        f->status = Status::Active;
        f->local = forwarder->mappings().value(0).local;
        changed(id);
        emit forwardReady(id, f->local);
    });
    connect(forwarder, &PortForwarder::failed, this,
            [this, id](const Error &error) { fail(id, error.message); });
    connect(forwarder, &PortForwarder::connectionError, this, [this, id](const QString &message) {
        if (Forward *f = find(id)) {
            f->error = message; // the forward goes on; the last problem is shown
            changed(id);
        }
    });
    changed(id);
    // Queued: start() may report ready() or failed() at once, and the caller of
    // PortForwardManager::start() should have its id before any signal names it.
    QMetaObject::invokeMethod(forwarder, &PortForwarder::start, Qt::QueuedConnection);
}

void PortForwardManager::fail(int id, const QString &message)
{
    Forward *f = find(id);
    if (!f)
        return;
    qCInfo(lcSession) << "port-forward" << f->request.name << "failed:" << message;
    if (f->forwarder) {
        f->forwarder->disconnect(this);
        f->forwarder->stop();
        f->in = f->forwarder->bytesReceived();
        f->out = f->forwarder->bytesSent();
        f->closedTotal = f->forwarder->totalConnections();
        f->forwarder->deleteLater();
        f->forwarder = nullptr;
    }
    f->status = Status::Failed;
    f->error = message;
    changed(id);
    emit forwardFailed(id, message);
}

void PortForwardManager::stop(int id)
{
    Forward *f = find(id);
    if (!f || f->status == Status::Stopped || f->status == Status::Failed)
        return;
    if (f->lookup) {
        f->lookup->disconnect(this);
        f->lookup->deleteLater();
        f->lookup = nullptr;
    }
    if (f->forwarder) {
        f->forwarder->disconnect(this);
        f->in = f->forwarder->bytesReceived();
        f->out = f->forwarder->bytesSent();
        f->closedTotal = f->forwarder->totalConnections();
        // stop() closes the listening sockets now: the local port is free on return.
        f->forwarder->stop();
        f->forwarder->deleteLater();
        f->forwarder = nullptr;
    }
    f->status = Status::Stopped;
    changed(id);
    emit forwardStopped(id);
}

void PortForwardManager::stopAll()
{
    for (int i = 0; i < m_forwards.size(); ++i)
        stop(m_forwards.at(i).id);
}

void PortForwardManager::removeFinished()
{
    for (int row = int(m_forwards.size()) - 1; row >= 0; --row) {
        const Status s = m_forwards.at(row).status;
        if (s == Status::Stopped || s == Status::Failed) {
            beginRemoveRows({}, row, row);
            m_forwards.removeAt(row);
            endRemoveRows();
        }
    }
}

PortForwardManager::Forward *PortForwardManager::find(int id)
{
    for (Forward &f : m_forwards) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

const PortForwardManager::Forward *PortForwardManager::find(int id) const
{
    for (const Forward &f : m_forwards) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

int PortForwardManager::rowOf(int id) const
{
    for (int i = 0; i < m_forwards.size(); ++i) {
        if (m_forwards.at(i).id == id)
            return i;
    }
    return -1;
}

int PortForwardManager::idAt(int row) const
{
    return row >= 0 && row < m_forwards.size() ? m_forwards.at(row).id : 0;
}

PortForwardManager::Status PortForwardManager::status(int id) const
{
    const Forward *f = find(id);
    return f ? f->status : Status::Stopped;
}

quint16 PortForwardManager::localPort(int id) const
{
    const Forward *f = find(id);
    return f ? f->local : 0;
}

quint16 PortForwardManager::remotePort(int id) const
{
    const Forward *f = find(id);
    return f ? f->remote : 0;
}

QString PortForwardManager::podName(int id) const
{
    const Forward *f = find(id);
    return f ? f->pod : QString();
}

QString PortForwardManager::errorText(int id) const
{
    const Forward *f = find(id);
    return f ? f->error : QString();
}

int PortForwardManager::activeConnections(int id) const
{
    const Forward *f = find(id);
    return f && f->forwarder ? f->forwarder->activeConnections() : 0;
}

int PortForwardManager::totalConnections(int id) const
{
    const Forward *f = find(id);
    if (!f)
        return 0;
    return f->forwarder ? f->forwarder->totalConnections() : f->closedTotal;
}

qint64 PortForwardManager::bytesReceived(int id) const
{
    const Forward *f = find(id);
    if (!f)
        return 0;
    return f->forwarder ? f->forwarder->bytesReceived() : f->in;
}

qint64 PortForwardManager::bytesSent(int id) const
{
    const Forward *f = find(id);
    if (!f)
        return 0;
    return f->forwarder ? f->forwarder->bytesSent() : f->out;
}

QUrl PortForwardManager::browserUrl(int id) const
{
    const Forward *f = find(id);
    if (!f || f->status != Status::Active || !looksLikeHttp(f->request.port, f->request.portName))
        return {};
    const bool tls = f->request.portName.toLower() == QLatin1String("https")
        || f->request.port == 443 || f->request.port == 8443;
    return QUrl(QStringLiteral("%1://localhost:%2/")
                    .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(f->local));
}

int PortForwardManager::activeCount() const
{
    return int(std::count_if(m_forwards.begin(), m_forwards.end(), [](const Forward &f) {
        return f.status == Status::Active || f.status == Status::Starting
            || f.status == Status::Resolving;
    }));
}

void PortForwardManager::changed(int id)
{
    const int row = rowOf(id);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PortForwardManager::refreshStats()
{
    if (activeCount() == 0) {
        m_statsTimer.stop();
        return;
    }
    if (!m_forwards.isEmpty())
        emit dataChanged(index(0, State), index(int(m_forwards.size()) - 1, BytesOut));
}

int PortForwardManager::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_forwards.size());
}

int PortForwardManager::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PortForwardManager::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Forward &f = m_forwards.at(index.row());
    if (role == IdRole)
        return f.id;
    if (role == UrlRole)
        return browserUrl(f.id);
    if (role == Qt::ToolTipRole)
        return f.error.isEmpty() ? QVariant() : QVariant(f.error);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Target: {
        QString text = QStringLiteral("%1/%2 %3")
                           .arg(f.request.kind.toLower(), f.request.name, f.request.ns);
        if (f.request.kind != QLatin1String("Pod") && !f.pod.isEmpty())
            text += QStringLiteral(" → pod/%1").arg(f.pod);
        return text;
    }
    case Local:
        return f.local == 0 ? QVariant(tr("auto")) : QVariant(int(f.local));
    case Remote:
        return f.remote == 0 ? QVariant(f.request.port) : QVariant(int(f.remote));
    case State:
        switch (f.status) {
        case Status::Resolving:
            return tr("Finding a pod…");
        case Status::Starting:
            return tr("Starting…");
        case Status::Active:
            return f.error.isEmpty() ? tr("Active") : tr("Active (last error: %1)").arg(f.error);
        case Status::Failed:
            return tr("Failed: %1").arg(f.error);
        case Status::Stopped:
            return tr("Stopped");
        }
        return {};
    case Connections:
        return tr("%1 open, %2 total").arg(activeConnections(f.id)).arg(totalConnections(f.id));
    case BytesIn:
        return bytes(bytesReceived(f.id));
    case BytesOut:
        return bytes(bytesSent(f.id));
    default:
        return {};
    }
}

QVariant PortForwardManager::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Target:
        return tr("Target");
    case Local:
        return tr("Local port");
    case Remote:
        return tr("Pod port");
    case State:
        return tr("State");
    case Connections:
        return tr("Connections");
    case BytesIn:
        return tr("Received");
    case BytesOut:
        return tr("Sent");
    default:
        return {};
    }
}

} // namespace kube::ui
