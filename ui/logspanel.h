#pragma once

#include "objectfacts.h"
#include "rest/restconfig.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace kube::ui {

class LogFeed;
class LogView;

/*!
 * The details pane's Logs tab: the log of a pod (container picker, follow, previous,
 * timestamps), or of a whole workload or label selector (every pod's containers merged by
 * time, each line prefixed with its coloured "pod/container"), in a LogView with wrap,
 * search with highlighting, pause and save.
 *
 * Streams run only while the tab is active (setActive), so selecting objects in the list
 * opens no log requests unless the user looks at logs.
 */
class LogsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsPanel)

public:
    //! Lines requested per pod container (tailLines) when a workload's logs open.
    static constexpr int workloadTailLines = 1000;

    explicit LogsPanel(QWidget *parent = nullptr);
    ~LogsPanel() override;

    //! The cluster to read from (a new session); stops what runs.
    void setConfig(const RestConfig &config);
    //! Shows \a object's logs: a Pod's, or a workload's (facts.selector) pods'.
    //! The same object again (an update) keeps the stream going. False for other kinds.
    bool setObject(const ObjectFacts &object);
    //! The pods of \a selector in \a ns, as for a workload.
    void setSelector(const QString &ns, const QString &selector);
    void clearTarget();
    bool hasTarget() const { return m_mode != Mode::None; }
    //! The tab is on screen: streams start (and stop again when it is not).
    void setActive(bool active);
    bool isActive() const { return m_active; }
    bool isStreaming() const;

    //! Kinds whose logs the panel can show.
    static bool canShow(const ObjectFacts &object);

    LogView *view() const { return m_view; }
    LogFeed *feed() const { return m_feed.get(); }
    QComboBox *containerBox() const { return m_container; }
    QCheckBox *followBox() const { return m_follow; }
    QCheckBox *previousBox() const { return m_previous; }
    QCheckBox *timestampsBox() const { return m_timestamps; }
    QCheckBox *wrapBox() const { return m_wrap; }
    QToolButton *pauseButton() const { return m_pause; }
    QLineEdit *searchEdit() const { return m_search; }
    QPushButton *saveButton() const { return m_save; }
    QLabel *statusLabel() const { return m_status; }
    //! Saves what is on screen to \a path (the Save button asks for the path).
    bool saveTo(const QString &path, QString *error = nullptr);

signals:
    //! The status line changed (streams, errors).
    void statusChanged(const QString &text);

private:
    enum class Mode { None, Pod, Selector };
    void restart();
    void stopFeed();
    void setStatus(const QString &text);
    void onSave();

    RestConfig m_config;
    bool m_haveConfig = false;
    std::unique_ptr<LogFeed> m_feed;
    Mode m_mode = Mode::None;
    QString m_ns;
    QString m_pod;
    QString m_selector;
    QString m_uid;
    QStringList m_containers;
    QStringList m_initContainers;
    bool m_active = false;
    bool m_stale = true; // the target or options changed since the feed started

    QComboBox *m_container;
    QCheckBox *m_follow;
    QCheckBox *m_previous;
    QCheckBox *m_timestamps;
    QCheckBox *m_wrap;
    QToolButton *m_pause;
    QLineEdit *m_search;
    QLabel *m_matches;
    QPushButton *m_save;
    QLabel *m_status;
    LogView *m_view;
    QStringList m_failures;
};

} // namespace kube::ui
