#include "watchstream.h"

#include "request.h"
#include "responseerror.h"
#include "restclient.h"
#include "restlogging.h"
#include "restreply.h"

namespace kube {

WatchStream::WatchStream(const Request &request, QObject *parent)
    : QObject(parent)
    , m_splitter(request.client() ? request.client()->options().maxWatchEventBytes : 0)
{
    m_reply = request.stream();
    m_reply->setParent(this);
    connect(m_reply, &RestReply::responseStarted, this, [this] {
        m_started = true;
        emit started();
    });
    connect(m_reply, &RestReply::readyRead, this, &WatchStream::onReadyRead);
    connect(m_reply, &RestReply::finished, this, &WatchStream::onReplyFinished);
}

WatchStream::~WatchStream()
{
    m_finished = true;
    if (m_reply) {
        m_reply->disconnect(this);
        delete m_reply; // aborts a running watch silently
        m_reply = nullptr;
    }
}

void WatchStream::stop()
{
    if (m_finished)
        return;
    finish(Error::make(Error::Kind::Cancelled, QStringLiteral("the watch was stopped")));
}

void WatchStream::onReadyRead()
{
    if (m_finished || !m_reply)
        return;
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty())
        return;
    m_splitter.append(data);
    emit dataReceived();
    if (m_finished)
        return;
    parseAvailable();
}

void WatchStream::parseAvailable()
{
    while (!m_finished) {
        Result<std::optional<QByteArray>> next = m_splitter.next();
        if (!next) {
            finish(next.error());
            return;
        }
        if (!*next)
            return;
        Result<WatchEvent> event = WatchEvent::fromJson(**next);
        if (!event) {
            finish(event.error());
            return;
        }
        ++m_eventCount;
        const QString rv = event->resourceVersion();
        if (!rv.isEmpty() && event->type != WatchEvent::Type::Error)
            m_lastResourceVersion = rv;
        emit eventReceived(*event);
        if (m_finished) // the receiver stopped us
            return;
        if (event->type == WatchEvent::Type::Error) {
            // An ERROR event ends the watch (the server closes after it, and client-go's
            // reflector stops); 410 in it means the resourceVersion is too old.
            const std::optional<Status> st = event->status();
            Error e = st ? st->toError()
                         : Error::make(Error::Kind::Decode,
                                       QStringLiteral("the watch ended with an ERROR event that "
                                                      "is not a Status"));
            if (st && e.httpCode == 0)
                e.httpCode = 500;
            finish(e);
            return;
        }
    }
}

void WatchStream::onReplyFinished()
{
    if (m_finished)
        return;
    const std::optional<Error> error = m_reply->result().error;
    if (error)
        m_retryAfterSeconds = detail::parseRetryAfter(m_reply->result().header("Retry-After"));
    if (!error && m_splitter.isInsideValue()) {
        finish(Error::make(Error::Kind::Decode,
                           QStringLiteral("the watch stream ended in the middle of an event")));
        return;
    }
    if (error && error->httpCode == 410)
        qCInfo(lcRest).noquote() << "watch of" << m_reply->url().toString()
                                 << "expired (410): relist needed";
    finish(error);
}

void WatchStream::finish(std::optional<Error> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    if (m_reply && !m_reply->isFinished()) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    emit finished();
}

} // namespace kube
