#include "asyncreply.h"

#include "rest/restreply.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcDynamic, "kube.dynamic")

namespace kube {

namespace {
// Below this a body decodes faster than a thread hop costs.
constexpr qsizetype kWorkerThreshold = 64 * 1024;
} // namespace

AsyncReply::AsyncReply(const Request &request, Decoder decoder, DecodeOn decodeOn, QObject *parent)
    : QObject(parent)
    , m_decoder(std::move(decoder))
    , m_decodeOn(decodeOn)
{
    m_reply = request.send();
    m_reply->setParent(this);
    connect(m_reply, &RestReply::finished, this, &AsyncReply::onRestFinished);
}

AsyncReply::AsyncReply(const Error &error, Decoder decoder, QObject *parent)
    : QObject(parent)
    , m_decoder(std::move(decoder))
{
    m_rest.error = error;
    qCDebug(lcDynamic) << "request refused before sending:" << error.message;
    // finished() must not fire before the caller could connect to it.
    QTimer::singleShot(0, this, [this] {
        if (!m_finished)
            finish(m_decoder(m_rest));
    });
}

AsyncReply::~AsyncReply() = default;

void AsyncReply::abort()
{
    if (m_finished)
        return;
    if (m_reply && !m_reply->isFinished()) {
        m_reply->abort(); // emits RestReply::finished → onRestFinished
        return;
    }
    delete m_watcher; // a worker may still run; its result is dropped
    m_watcher = nullptr;
    m_rest.error = Error::make(Error::Kind::Cancelled, QStringLiteral("request cancelled"));
    finish(m_decoder(m_rest));
}

void AsyncReply::onRestFinished()
{
    m_rest = m_reply->result();
    if (m_rest.error || m_decodeOn == DecodeOn::ReplyThread
        || m_rest.body.size() < kWorkerThreshold) {
        finish(m_decoder(m_rest));
        return;
    }
    // The worker gets copies (implicitly shared, so free) and never touches this object, which
    // may be deleted while it runs.
    auto *watcher = new QFutureWatcher<std::any>(this);
    m_watcher = watcher;
    connect(watcher, &QFutureWatcher<std::any>::finished, this, [this, watcher] {
        m_watcher = nullptr;
        std::any value = watcher->result();
        watcher->deleteLater();
        finish(std::move(value));
    });
    watcher->setFuture(
        QtConcurrent::run([decoder = m_decoder, rest = m_rest] { return decoder(rest); }));
}

void AsyncReply::finish(std::any decoded)
{
    if (m_finished)
        return;
    m_decoded = std::move(decoded);
    m_finished = true;
    emit finished();
}

} // namespace kube
