#pragma once

#include "objectfacts.h"
#include "objectrow.h"

#include "api/tablecolumndefinition.h"

#include <QJsonObject>
#include <QList>

namespace kube {
class Unstructured;
struct TableRow;
} // namespace kube

namespace kube::ui {

/*!
 * Turns what kubeclient hands the session (Table rows, objects, column definitions) into the
 * small ui values the widgets show. Pure functions, safe on any thread; repeated cell texts
 * ("Running", "1/1", node names) share one copy per thread, which roughly halves the memory of
 * a 50,000-pod list. Call resetInterning() when a new list starts.
 */
class RowConverter
{
public:
    //! A Table row as an informer stores it: {"cells": [...], "object": {"metadata": ...}};
    //! an object without cells (a server that gave no Table) becomes a fallback row.
    static ObjectRow fromStored(const QJsonObject &stored, bool namespaced, bool namespaceCell);
    static ObjectRow fromTableRow(const TableRow &row, bool namespaceCell);
    //! Fallback columns: Name, (Namespace), Age (computed by the model).
    static ObjectRow fromObject(const Unstructured &object, bool namespaced);
    static QList<TableColumn> columns(const QList<TableColumnDefinition> &definitions);
    //! kubectl prints NAMESPACE first when listing all namespaces; the server's Table has no
    //! such column, so the client adds it.
    static TableColumn namespaceColumn();
    //! The columns of objects without a Table: Name, (Namespace), Age.
    static QList<TableColumn> fallbackColumns(bool namespaced);
    static ObjectFacts facts(const Unstructured &object);
    //! Forgets the shared cell texts of this thread.
    static void resetInterning();
};

} // namespace kube::ui
