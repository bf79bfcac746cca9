import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { DEMO_TAG } from '../../../../shared/residents/demo.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useChoices } from './form-support.ts';
import type { RegisterRow } from './register-data.ts';
import { residentHash } from './useRegisterRoute.ts';

interface ResidentTableProps {
  readonly rows: readonly RegisterRow[];
  /** Pixels for the scrolling body: the table renders only the rows in view (virtual). */
  readonly height: number;
}

const STATUS_COLOR = { registered: 'green', 'moved-out': 'default', deceased: 'default' } as const;

/**
 * The register list. Virtual: however many rows (10,000 residents), only those in view
 * are rendered, so scrolling and typing stay smooth. The ID is shown masked.
 */
export function ResidentTable({ rows, height }: ResidentTableProps) {
  const { t } = useI18n();
  const choices = useChoices();
  const columns = useMemo<ColumnsType<RegisterRow>>(
    () => [
      {
        title: t('register.column.name'),
        key: 'name',
        width: 110,
        fixed: 'left',
        render: (_, row) => <a href={residentHash(row.resident.id)}>{row.resident.name}</a>,
      },
      {
        title: t('register.column.gender'),
        key: 'gender',
        width: 60,
        render: (_, row) => t(`register.gender.${row.resident.gender}`),
      },
      {
        title: t('register.column.birthDate'),
        key: 'birthDate',
        width: 110,
        render: (_, row) => row.resident.birthDate,
      },
      {
        title: t('register.column.idNumber'),
        key: 'id',
        width: 190,
        render: (_, row) => (
          <Typography.Text code data-testid="masked-id">
            {row.resident.idMasked === '' ? t('register.noId') : row.resident.idMasked}
          </Typography.Text>
        ),
      },
      {
        title: t('register.column.phone'),
        key: 'phone',
        width: 130,
        render: (_, row) => row.resident.phone,
      },
      {
        title: t('register.column.householdNo'),
        key: 'householdNo',
        width: 90,
        render: (_, row) => row.household?.householdNo ?? t('register.noHousehold'),
      },
      {
        title: t('register.column.houseNo'),
        key: 'houseNo',
        width: 120,
        render: (_, row) => row.household?.houseNo ?? '',
      },
      {
        title: t('register.column.relation'),
        key: 'relation',
        width: 100,
        render: (_, row) => choices.relation(row.relation),
      },
      {
        title: t('register.column.group'),
        key: 'group',
        width: 130,
        render: (_, row) => row.groupName,
      },
      {
        title: t('register.column.tags'),
        key: 'tags',
        width: 220,
        render: (_, row) =>
          row.tags.map((tag) => (
            <Tag key={tag} color={tag === DEMO_TAG ? 'orange' : 'blue'}>
              {tag}
            </Tag>
          )),
      },
      {
        title: t('register.column.status'),
        key: 'status',
        width: 80,
        render: (_, row) => (
          <Tag color={STATUS_COLOR[row.resident.status]}>{choices.status(row.resident.status)}</Tag>
        ),
      },
    ],
    [t, choices],
  );
  return (
    <Table<RegisterRow>
      virtual
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1340, y: height }}
      data-testid="resident-table"
    />
  );
}
