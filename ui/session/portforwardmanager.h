#pragma once

#include "api/error.h"
#include "rest/restconfig.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace kube {
class PortForwarder;
class RestReply;
} // namespace kube

namespace kube::ui {

//! What to forward: a pod's port, or a Service's or workload's (a pod of its selector).
struct PortForwardRequest
{
    QString ns;
    QString kind = QStringLiteral("Pod"); //!< Pod, Service, Deployment, StatefulSet, …
    QString name; //!< the object's name (the pod's, for a Pod)
    QString selector; //!< not a Pod: the pods to choose from (kubectl's: running, ready first)
    int port = 0; //!< the object's port: a pod's container port, a Service's port
    //! Service: its targetPort (a number or a container port's name); empty = port.
    QString targetPort;
    QString portName; //!< "http", "web"…: decides whether "open in browser" applies
    quint16 localPort = 0; //!< 0 = a free port chosen at start
};

/*!
 * The active port-forwards of the application as a table: target, local and remote port,
 * state, connections, bytes each way. Forwards belong to the manager, not to any view: they
 * go on while the window shows other objects, other namespaces or another context, until
 * stop() (or the application ends).
 *
 * A Service or workload is forwarded to one of its pods, chosen as kubectl does (running
 * before pending, ready first), with a Service's named targetPort resolved on that pod.
 * Lives on the GUI thread (the relays are asynchronous sockets).
 * \code
 * const int id = manager->start(config, {.ns = "web", .name = "web-0", .port = 8080});
 * connect(manager, &PortForwardManager::forwardReady, [](int id, quint16 local) { ... });
 * \endcode
 */
class PortForwardManager final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortForwardManager)

public:
    enum Column { Target, Local, Remote, State, Connections, BytesIn, BytesOut, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, UrlRole };
    enum class Status { Resolving, Starting, Active, Failed, Stopped };

    explicit PortForwardManager(QObject *parent = nullptr);
    ~PortForwardManager() override;

    //! Starts a forward; returns its id (stable while the row exists).
    int start(const RestConfig &config, const PortForwardRequest &request);
    void stop(int id);
    void stopAll();
    //! Removes stopped and failed rows.
    void removeFinished();

    int rowOf(int id) const;
    int idAt(int row) const;
    Status status(int id) const;
    quint16 localPort(int id) const;
    quint16 remotePort(int id) const;
    QString podName(int id) const;
    QString errorText(int id) const;
    int activeConnections(int id) const;
    int totalConnections(int id) const;
    qint64 bytesReceived(int id) const; //!< pod → local
    qint64 bytesSent(int id) const; //!< local → pod
    //! http://localhost:PORT/ for ports that look like HTTP; empty otherwise.
    QUrl browserUrl(int id) const;
    int activeCount() const;
    static bool looksLikeHttp(int port, const QString &portName);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void forwardReady(int id, quint16 localPort);
    void forwardFailed(int id, const QString &message);
    void forwardStopped(int id);

private:
    struct Forward
    {
        int id = 0;
        RestConfig config;
        PortForwardRequest request;
        Status status = Status::Resolving;
        QString pod;
        quint16 remote = 0;
        quint16 local = 0;
        QString error;
        QPointer<PortForwarder> forwarder; // Owned (child).
        QPointer<RestReply> lookup; // Owned (child) while resolving.
        int closedTotal = 0;
        qint64 in = 0;
        qint64 out = 0;
    };

    Forward *find(int id);
    const Forward *find(int id) const;
    void resolved(int id, const QString &pod, quint16 remote);
    void fail(int id, const QString &message);
    void changed(int id);
    void refreshStats();

    QList<Forward> m_forwards;
    int m_nextId = 1;
    QTimer m_statsTimer;
};

} // namespace kube::ui
