#include "uisettings.h"

#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

namespace kube::ui {

QString UiSettings::contextKey(const QString &context)
{
    // Context names may contain '/' (QSettings groups) and ':' (EKS ARNs).
    return QStringLiteral("contexts/%1")
        .arg(QString::fromLatin1(context.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
}

void UiSettings::saveWindow(const QMainWindow *window, const QList<const QSplitter *> &splitters)
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), window->saveGeometry());
    s.setValue(QStringLiteral("window/state"), window->saveState());
    for (const QSplitter *sp : splitters)
        s.setValue(QStringLiteral("window/splitter/%1").arg(sp->objectName()), sp->saveState());
}

bool UiSettings::restoreWindow(QMainWindow *window, const QList<QSplitter *> &splitters)
{
    QSettings s;
    const QByteArray geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty())
        return false;
    window->restoreGeometry(geometry);
    window->restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    for (QSplitter *sp : splitters) {
        const QByteArray state
            = s.value(QStringLiteral("window/splitter/%1").arg(sp->objectName())).toByteArray();
        if (!state.isEmpty())
            sp->restoreState(state);
    }
    return true;
}

QString UiSettings::lastContext()
{
    return QSettings().value(QStringLiteral("session/lastContext")).toString();
}

void UiSettings::setLastContext(const QString &context)
{
    QSettings().setValue(QStringLiteral("session/lastContext"), context);
}

QString UiSettings::namespaceFor(const QString &context, bool *ok)
{
    const QVariant v = QSettings().value(contextKey(context) + QStringLiteral("/namespace"));
    if (ok)
        *ok = v.isValid();
    return v.toString();
}

void UiSettings::setNamespaceFor(const QString &context, const QString &ns)
{
    QSettings().setValue(contextKey(context) + QStringLiteral("/namespace"), ns);
}

bool UiSettings::readOnlyFor(const QString &context)
{
    return QSettings().value(contextKey(context) + QStringLiteral("/readOnly")).toBool();
}

void UiSettings::setReadOnlyFor(const QString &context, bool readOnly)
{
    QSettings().setValue(contextKey(context) + QStringLiteral("/readOnly"), readOnly);
}

QString UiSettings::resourceFor(const QString &context)
{
    return QSettings().value(contextKey(context) + QStringLiteral("/resource")).toString();
}

void UiSettings::setResourceFor(const QString &context, const QString &qualifiedResource)
{
    QSettings().setValue(contextKey(context) + QStringLiteral("/resource"), qualifiedResource);
}

QStringList UiSettings::namespacesFor(const QString &context)
{
    return QSettings().value(contextKey(context) + QStringLiteral("/namespaces")).toStringList();
}

void UiSettings::setNamespacesFor(const QString &context, const QStringList &namespaces)
{
    QSettings().setValue(contextKey(context) + QStringLiteral("/namespaces"), namespaces);
}

QByteArray UiSettings::columnState(const QString &resourceKey)
{
    return QSettings().value(QStringLiteral("columns/%1").arg(resourceKey)).toByteArray();
}

void UiSettings::setColumnState(const QString &resourceKey, const QByteArray &state)
{
    QSettings().setValue(QStringLiteral("columns/%1").arg(resourceKey), state);
}

bool UiSettings::watchLists()
{
    return QSettings().value(QStringLiteral("preferences/watchLists"), true).toBool();
}

void UiSettings::setWatchLists(bool on)
{
    QSettings().setValue(QStringLiteral("preferences/watchLists"), on);
}

bool UiSettings::restoreLastSession()
{
    return QSettings().value(QStringLiteral("preferences/restoreLastSession"), true).toBool();
}

void UiSettings::setRestoreLastSession(bool on)
{
    QSettings().setValue(QStringLiteral("preferences/restoreLastSession"), on);
}

} // namespace kube::ui
