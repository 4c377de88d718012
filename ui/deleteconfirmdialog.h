#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLabel;

namespace kube::ui {

/*!
 * "Delete these objects?" naming every object (kubectl's names: deployment.apps/web), with
 * the propagation choice kubectl's --cascade offers: background (default), foreground, orphan.
 */
class DeleteConfirmDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteConfirmDialog)

public:
    DeleteConfirmDialog(const QStringList &objectNames, QWidget *parent = nullptr);
    ~DeleteConfirmDialog() override;

    //! "Background", "Foreground" or "Orphan" (DeleteOptions.propagationPolicy).
    QString propagationPolicy() const;
    QComboBox *propagationBox() const { return m_propagation; }
    QString text() const;

private:
    QLabel *m_text;
    QComboBox *m_propagation;
};

} // namespace kube::ui
