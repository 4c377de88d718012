#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QMainWindow;
class QSplitter;

namespace kube::ui {

/*!
 * What Kubrowser remembers across runs (QSettings: ~/.config/Kubrowser/Kubrowser.conf):
 * window geometry and splitters, the last context, per context the namespace, the resource
 * and the namespace list (shown at once on the next start, also offline), per resource the
 * list's column order, widths and visibility (header view state), and the user's preferences.
 */
class UiSettings final
{
public:
    static void saveWindow(const QMainWindow *window, const QList<const QSplitter *> &splitters);
    //! False when nothing was saved (first run): the caller keeps its defaults.
    static bool restoreWindow(QMainWindow *window, const QList<QSplitter *> &splitters);

    static QString lastContext();
    static void setLastContext(const QString &context);

    //! Unset (std::nullopt-like: \a ok false) when never chosen in \a context.
    static QString namespaceFor(const QString &context, bool *ok = nullptr);
    static void setNamespaceFor(const QString &context, const QString &ns);
    static QString resourceFor(const QString &context);
    static void setResourceFor(const QString &context, const QString &qualifiedResource);
    static QStringList namespacesFor(const QString &context);
    static void setNamespacesFor(const QString &context, const QStringList &namespaces);

    //! Mutations hidden for this context (File > Read-Only for This Context).
    static bool readOnlyFor(const QString &context);
    static void setReadOnlyFor(const QString &context, bool readOnly);
    static QByteArray columnState(const QString &resourceKey);
    static void setColumnState(const QString &resourceKey, const QByteArray &state);

    // Preferences (Settings dialog) -----------------------------------------------------------
    static bool watchLists();
    static void setWatchLists(bool on);
    static bool restoreLastSession();
    static void setRestoreLastSession(bool on);

private:
    static QString contextKey(const QString &context);
};

} // namespace kube::ui
