#include "deleteconfirmdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace kube::ui {

DeleteConfirmDialog::DeleteConfirmDialog(const QStringList &objectNames, QWidget *parent)
    : QDialog(parent)
    , m_text(new QLabel(this))
    , m_propagation(new QComboBox(this))
{
    setWindowTitle(objectNames.size() == 1
                       ? tr("Delete %1?").arg(objectNames.first())
                       : tr("Delete %n objects?", nullptr, int(objectNames.size())));
    // Name every object: a confirmation that says "3 items" is clicked through unread.
    constexpr int shown = 15;
    QStringList lines = objectNames.mid(0, shown);
    if (objectNames.size() > shown)
        lines << tr("… and %n more", nullptr, int(objectNames.size() - shown));
    m_text->setText(tr("This deletes from the cluster:\n\n%1").arg(lines.join(u'\n')));
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_propagation->addItem(tr("Background: delete dependents after the object"),
                           QStringLiteral("Background"));
    m_propagation->addItem(tr("Foreground: delete dependents first"), QStringLiteral("Foreground"));
    m_propagation->addItem(tr("Orphan: keep dependents"), QStringLiteral("Orphan"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *del = buttons->addButton(tr("Delete"), QDialogButtonBox::AcceptRole);
    del->setObjectName(QStringLiteral("deleteButton"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Dependents:"), m_propagation);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

DeleteConfirmDialog::~DeleteConfirmDialog() = default;

QString DeleteConfirmDialog::propagationPolicy() const
{
    return m_propagation->currentData().toString();
}

QString DeleteConfirmDialog::text() const
{
    return m_text->text();
}

} // namespace kube::ui
