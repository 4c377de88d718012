#include "logspanel.h"

#include "logfeed.h"
#include "logview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace kube::ui {

namespace {

const QString allContainers = QStringLiteral("*");

bool isWorkloadKind(const QString &kind)
{
    return kind == QLatin1String("Deployment") || kind == QLatin1String("StatefulSet")
        || kind == QLatin1String("DaemonSet") || kind == QLatin1String("ReplicaSet")
        || kind == QLatin1String("Job") || kind == QLatin1String("ReplicationController");
}

} // namespace

LogsPanel::LogsPanel(QWidget *parent)
    : QWidget(parent)
    , m_container(new QComboBox(this))
    , m_follow(new QCheckBox(tr("Follow"), this))
    , m_previous(new QCheckBox(tr("Previous"), this))
    , m_timestamps(new QCheckBox(tr("Timestamps"), this))
    , m_wrap(new QCheckBox(tr("Wrap"), this))
    , m_pause(new QToolButton(this))
    , m_search(new QLineEdit(this))
    , m_matches(new QLabel(this))
    , m_save(new QPushButton(tr("Save…"), this))
    , m_status(new QLabel(this))
    , m_view(new LogView(this))
{
    setObjectName(QStringLiteral("logsPanel"));
    m_container->setObjectName(QStringLiteral("logsContainer"));
    m_container->setToolTip(tr("The container whose log is shown"));
    m_container->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_follow->setObjectName(QStringLiteral("logsFollow"));
    m_follow->setChecked(true);
    m_follow->setToolTip(
        tr("Keep reading new lines as the container writes them (kubectl logs -f)"));
    m_previous->setObjectName(QStringLiteral("logsPrevious"));
    m_previous->setToolTip(tr("The log of the previous, terminated instance of the container "
                              "(kubectl logs -p): why did it restart?"));
    m_timestamps->setObjectName(QStringLiteral("logsTimestamps"));
    m_timestamps->setToolTip(tr("Prefix every line with the time the kubelet received it"));
    m_wrap->setObjectName(QStringLiteral("logsWrap"));
    m_pause->setObjectName(QStringLiteral("logsPause"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Hold the view still; new lines wait (up to the line limit) until "
                           "you resume"));
    m_search->setObjectName(QStringLiteral("logsSearch"));
    m_search->setPlaceholderText(tr("Search (Enter: next, Shift+Enter: previous)"));
    m_search->setClearButtonEnabled(true);
    m_matches->setObjectName(QStringLiteral("logsMatches"));
    m_save->setObjectName(QStringLiteral("logsSave"));
    m_save->setToolTip(tr("Save the lines shown to a file"));
    m_status->setObjectName(QStringLiteral("logsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_container);
    bar->addWidget(m_follow);
    bar->addWidget(m_previous);
    bar->addWidget(m_timestamps);
    bar->addWidget(m_wrap);
    bar->addWidget(m_pause);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    const auto optionChanged = [this] {
        m_stale = true;
        restart();
    };
    connect(m_container, &QComboBox::activated, this, optionChanged);
    connect(m_follow, &QCheckBox::toggled, this, optionChanged);
    connect(m_previous, &QCheckBox::toggled, this, optionChanged);
    connect(m_timestamps, &QCheckBox::toggled, this, optionChanged);
    connect(m_wrap, &QCheckBox::toggled, m_view, &LogView::setWrap);
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_view->setPaused(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        const int n = m_view->setSearchText(text);
        m_matches->setText(text.isEmpty() ? QString() : tr("%Ln line(s)", nullptr, n));
    });
    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { m_view->findNext(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier); });
    connect(m_view, &LogView::linesAppended, this, [this] {
        if (!m_search->text().isEmpty())
            m_matches->setText(tr("%Ln line(s)", nullptr, m_view->matchingLines()));
    });
    connect(m_save, &QPushButton::clicked, this, &LogsPanel::onSave);
    clearTarget();
}

LogsPanel::~LogsPanel() = default;

bool LogsPanel::canShow(const ObjectFacts &object)
{
    if (object.kind == QLatin1String("Pod"))
        return !object.name.isEmpty();
    return isWorkloadKind(object.kind) && !object.selector.isEmpty();
}

void LogsPanel::setConfig(const RestConfig &config)
{
    stopFeed();
    m_feed.reset();
    m_config = config;
    m_haveConfig = true;
    m_stale = true;
    restart();
}

bool LogsPanel::setObject(const ObjectFacts &object)
{
    if (!canShow(object)) {
        clearTarget();
        return false;
    }
    const bool isPod = object.kind == QLatin1String("Pod");
    const bool same = object.uid == m_uid && !m_uid.isEmpty()
        && (!isPod
            || (object.containers == m_containers && object.initContainers == m_initContainers))
        && (isPod || object.selector == m_selector);
    if (same)
        return true;
    m_uid = object.uid;
    m_ns = object.ns;
    if (isPod) {
        m_mode = Mode::Pod;
        m_pod = object.name;
        m_selector.clear();
        m_containers = object.containers;
        m_initContainers = object.initContainers;
        const QString previous = m_container->currentData().toString();
        m_container->clear();
        if (m_containers.size() > 1)
            m_container->addItem(tr("All containers"), allContainers);
        for (const QString &c : std::as_const(m_containers))
            m_container->addItem(c, c);
        for (const QString &c : std::as_const(m_initContainers))
            m_container->addItem(tr("%1 (init)").arg(c), c);
        // kubectl's default: the first app container (the annotation aside), not all.
        int index = m_container->findData(previous);
        if (index < 0)
            index = m_container->findData(m_containers.value(0));
        m_container->setCurrentIndex(std::max(0, index));
        m_container->setVisible(true);
        m_previous->setEnabled(true);
    } else {
        m_mode = Mode::Selector;
        m_pod.clear();
        m_selector = object.selector;
        m_containers.clear();
        m_initContainers.clear();
        m_container->clear();
        m_container->setVisible(false);
        m_previous->setChecked(false);
        m_previous->setEnabled(false);
    }
    m_stale = true;
    restart();
    return true;
}

void LogsPanel::setSelector(const QString &ns, const QString &selector)
{
    ObjectFacts f;
    f.kind = QStringLiteral("ReplicaSet"); // any selector-driven kind reads the same way
    f.ns = ns;
    f.selector = selector;
    f.uid = QStringLiteral("selector:") + ns + u'/' + selector;
    setObject(f);
}

void LogsPanel::clearTarget()
{
    stopFeed();
    m_mode = Mode::None;
    m_uid.clear();
    m_pod.clear();
    m_selector.clear();
    m_containers.clear();
    m_initContainers.clear();
    m_container->clear();
    m_view->clear();
    setStatus(tr("Select a pod or a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, "
                 "Job) to read its logs."));
}

void LogsPanel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        // Off screen: no stream runs, and the next look starts fresh from the tail.
        stopFeed();
        m_stale = true;
        return;
    }
    restart();
}

bool LogsPanel::isStreaming() const
{
    return m_feed && m_feed->isRunning();
}

void LogsPanel::stopFeed()
{
    if (m_feed)
        m_feed->stop();
}

void LogsPanel::restart()
{
    if (!m_active || !m_haveConfig || m_mode == Mode::None || !m_stale)
        return;
    m_stale = false;
    if (!m_feed) {
        m_feed = std::make_unique<LogFeed>(m_config);
        connect(m_feed.get(), &LogFeed::linesReady, m_view, &LogView::appendLines);
        connect(m_feed.get(), &LogFeed::linesDropped, m_view, &LogView::noteDroppedUpstream);
        connect(m_feed.get(), &LogFeed::sourcesChanged, this,
                [this](const QStringList &running, int waiting) {
                    if (m_mode == Mode::Pod) {
                        if (!running.isEmpty())
                            setStatus(m_follow->isChecked() ? tr("Following the log…")
                                                            : tr("Reading the log…"));
                        return;
                    }
                    QString text = tr("%Ln container(s) streaming", nullptr, int(running.size()));
                    if (waiting > 0)
                        text += tr(", %Ln waiting for a free stream (at most %1 at once)", nullptr,
                                   waiting)
                                    .arg(LogFeed::Options().maxStreams);
                    if (running.isEmpty() && waiting == 0)
                        text = tr("No pod of this selector has started yet (%1).").arg(m_selector);
                    setStatus(text);
                });
        connect(m_feed.get(), &LogFeed::streamFailed, this,
                [this](const QString &source, const Error &error) {
                    const QString who
                        = m_mode == Mode::Pod ? QString() : source + QStringLiteral(": ");
                    m_failures << who + error.message;
                    setStatus(m_failures.join(u'\n'));
                });
        connect(m_feed.get(), &LogFeed::resuming, this, [this](const QString &source, int attempt) {
            setStatus(tr("The connection dropped; resuming %1 (attempt %2)…")
                          .arg(m_mode == Mode::Pod ? m_pod : source)
                          .arg(attempt));
        });
        connect(m_feed.get(), &LogFeed::finished, this, [this] {
            if (!m_failures.isEmpty())
                return;
            setStatus(m_follow->isChecked() ? tr("End of log: the container has exited.")
                                            : tr("The log up to now (%L1 lines). Turn on Follow "
                                                 "to keep reading.")
                                                  .arg(m_view->receivedLines()));
        });
    }
    m_view->clear();
    m_failures.clear();
    LogFeed::Options o;
    o.log.follow = m_follow->isChecked();
    o.log.previous = m_mode == Mode::Pod && m_previous->isChecked();
    o.log.timestamps = m_timestamps->isChecked();
    if (m_mode == Mode::Pod) {
        o.log.tailLines = m_view->maxLines();
        const QString c = m_container->currentData().toString();
        const QStringList containers = c == allContainers ? m_containers
            : c.isEmpty()                                 ? QStringList()
                                                          : QStringList { c };
        setStatus(tr("Connecting…"));
        m_feed->startPod(m_ns, m_pod, containers, o);
    } else {
        o.log.tailLines = workloadTailLines;
        setStatus(tr("Finding the pods of %1…").arg(m_selector));
        m_feed->startSelector(m_ns, m_selector, o);
    }
}

void LogsPanel::setStatus(const QString &text)
{
    m_status->setText(text);
    emit statusChanged(text);
}

bool LogsPanel::saveTo(const QString &path, QString *error)
{
    return m_view->saveTo(path, error);
}

void LogsPanel::onSave()
{
    const QString base = m_mode == Mode::Pod ? m_pod : QStringLiteral("workload");
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save log"), base + QStringLiteral(".log"),
                                       tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, &error))
        setStatus(error);
    else
        setStatus(tr("Saved %L1 lines to %2.").arg(m_view->lineCount()).arg(path));
}

} // namespace kube::ui
