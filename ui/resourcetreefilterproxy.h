#pragma once

#include <QSortFilterProxyModel>

namespace kube::ui {

/*!
 * Filters the resource tree: a resource matches when the text is part of its plural,
 * singular or kind, or is one of its short names or categories ("po", "deploy", "crd");
 * a group matches by name and then shows all its resources. Parents of matches stay visible.
 */
class ResourceTreeFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceTreeFilterProxy)

public:
    explicit ResourceTreeFilterProxy(QObject *parent = nullptr);
    ~ResourceTreeFilterProxy() override;

    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filter;
};

} // namespace kube::ui
