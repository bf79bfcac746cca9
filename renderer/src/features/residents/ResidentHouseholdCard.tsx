import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Membership } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { currentMembers } from '../../../../shared/residents/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { ChangeHeadModal } from './ChangeHeadModal.tsx';
import { useChoices } from './form-support.ts';
import { HouseholdEditModal } from './HouseholdEditModal.tsx';
import { JoinHouseholdModal } from './JoinHouseholdModal.tsx';
import { MergeHouseholdModal } from './MergeHouseholdModal.tsx';
import { MoveMemberModal } from './MoveMemberModal.tsx';
import { useRegister } from './RegisterContext.ts';
import { ResidentFormModal } from './ResidentFormModal.tsx';
import { SplitHouseholdModal } from './SplitHouseholdModal.tsx';
import { residentHash } from './useRegisterRoute.ts';

type Operation = 'edit' | 'add' | 'move' | 'split' | 'merge' | 'head' | 'join';

interface ResidentHouseholdCardProps {
  readonly resident: ResidentDoc;
  readonly onDone: (message: string) => void;
}

/** 所在户: the household, its current members, its lineage, and the household operations. */
export function ResidentHouseholdCard({ resident, onDone }: ResidentHouseholdCardProps) {
  const { t } = useI18n();
  const { register } = useRegister();
  const choices = useChoices();
  const [operation, setOperation] = useState<Operation | null>(null);
  const household =
    resident.householdId === '' ? undefined : register.householdById.get(resident.householdId);
  const close = () => {
    setOperation(null);
  };
  const finished = (message: string) => {
    setOperation(null);
    onDone(message);
  };

  if (household === undefined) {
    return (
      <Card
        title={t('register.file.household')}
        extra={
          resident.status === 'registered' ? (
            <Button
              onClick={() => {
                setOperation('join');
              }}
            >
              {t('register.ops.join')}
            </Button>
          ) : null
        }
      >
        <Typography.Text type="secondary">{t('register.file.householdNone')}</Typography.Text>
        {operation === 'join' && (
          <JoinHouseholdModal resident={resident} onClose={close} onDone={finished} />
        )}
      </Card>
    );
  }

  const isHead = household.headResidentId === resident.id;
  const active = household.status === 'active';
  const members = currentMembers(household);
  const groupName = register.groupById.get(household.groupId)?.name ?? '';
  const button = (op: Operation, label: string, disabled = false) => (
    <Button
      key={op}
      disabled={!active || disabled}
      onClick={() => {
        setOperation(op);
      }}
    >
      {label}
    </Button>
  );

  return (
    <Card
      title={`${t('register.file.household')} · ${household.householdNo}`}
      extra={active ? null : <Tag>{t('register.householdStatus.closed')}</Tag>}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small" data-testid="household-details">
          <Descriptions.Item label={t('register.column.householdNo')}>
            {household.householdNo}
          </Descriptions.Item>
          <Descriptions.Item label={t('register.column.houseNo')}>
            {household.houseNo}
          </Descriptions.Item>
          <Descriptions.Item label={t('register.form.household.address')}>
            {household.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('register.column.group')}>{groupName}</Descriptions.Item>
          <Descriptions.Item label={t('register.form.household.tags')} span={4}>
            {household.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
        {household.lineage.map((link) => (
          <Typography.Text key={`${link.kind}-${link.householdId}-${link.on}`} type="secondary">
            {t(`register.file.lineage.${link.kind}`, {
              date: link.on,
              household:
                register.householdById.get(link.householdId)?.householdNo ?? link.householdId,
            })}
          </Typography.Text>
        ))}
        <Table<Membership>
          size="small"
          rowKey="residentId"
          pagination={false}
          dataSource={[...members]}
          data-testid="household-members"
          title={() => t('register.file.members')}
          columns={[
            {
              title: t('register.column.name'),
              key: 'name',
              render: (_, stint) => {
                const member = register.residentById.get(stint.residentId);
                if (member === undefined) return stint.residentId;
                return member.id === resident.id ? (
                  <strong>{member.name}</strong>
                ) : (
                  <a href={residentHash(member.id)}>{member.name}</a>
                );
              },
            },
            {
              title: t('register.column.relation'),
              key: 'relation',
              render: (_, stint) => choices.relation(stint.relation),
            },
            { title: t('register.column.since'), key: 'from', render: (_, stint) => stint.from },
            {
              title: t('register.column.idNumber'),
              key: 'id',
              render: (_, stint) => (
                <Typography.Text code>
                  {register.residentById.get(stint.residentId)?.idMasked ?? ''}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Space wrap>
          {button('edit', t('register.ops.editHousehold'))}
          {button('add', t('register.ops.addMember'))}
          {button('move', t('register.ops.move'), isHead)}
          {button('split', t('register.ops.split'), members.length < 2)}
          {button('merge', t('register.ops.merge'))}
          {button('head', t('register.ops.changeHead'), members.length < 2)}
        </Space>
        {isHead && active && (
          <Typography.Text type="secondary">{t('register.ops.move.headBlocked')}</Typography.Text>
        )}
      </Space>
      {operation === 'edit' && (
        <HouseholdEditModal household={household} onClose={close} onDone={finished} />
      )}
      {operation === 'add' && (
        <ResidentFormModal
          mode={{ kind: 'add', household }}
          onClose={close}
          onSaved={() => {
            finished(t('register.ops.done', { what: t('register.ops.what.addMember') }));
          }}
        />
      )}
      {operation === 'move' && (
        <MoveMemberModal resident={resident} onClose={close} onDone={finished} />
      )}
      {operation === 'split' && (
        <SplitHouseholdModal household={household} onClose={close} onDone={finished} />
      )}
      {operation === 'merge' && (
        <MergeHouseholdModal household={household} onClose={close} onDone={finished} />
      )}
      {operation === 'head' && (
        <ChangeHeadModal household={household} onClose={close} onDone={finished} />
      )}
    </Card>
  );
}
