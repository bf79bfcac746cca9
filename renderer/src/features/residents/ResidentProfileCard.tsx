import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag } from 'antd';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useChoices } from './form-support.ts';
import { IdNumberView } from './IdNumberView.tsx';

interface ResidentProfileCardProps {
  readonly resident: ResidentDoc;
  readonly onEdit?: () => void;
}

/** 基本信息: the person's profile; the ID masked unless revealed. */
export function ResidentProfileCard({ resident, onEdit }: ResidentProfileCardProps) {
  const { t, language } = useI18n();
  const choices = useChoices();
  const when = (at: number) => new Date(at).toLocaleString(language);
  return (
    <Card
      title={t('register.file.profile')}
      extra={
        onEdit === undefined ? null : (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('register.file.edit')}
          </Button>
        )
      }
    >
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="resident-profile">
        <Descriptions.Item label={t('register.column.name')}>{resident.name}</Descriptions.Item>
        <Descriptions.Item label={t('register.column.gender')}>
          {t(`register.gender.${resident.gender}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('register.column.birthDate')}>
          {resident.birthDate}
        </Descriptions.Item>
        <Descriptions.Item label={t('register.column.idNumber')} span={2}>
          <IdNumberView resident={resident} />
        </Descriptions.Item>
        <Descriptions.Item label={t('register.column.phone')}>{resident.phone}</Descriptions.Item>
        <Descriptions.Item label={t('register.column.status')}>
          {resident.statusDate === undefined
            ? choices.status(resident.status)
            : t('register.file.statusSince', {
                status: choices.status(resident.status),
                date: resident.statusDate,
              })}
        </Descriptions.Item>
        <Descriptions.Item label={t('register.column.tags')}>
          {resident.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('register.form.notes')}>{resident.notes}</Descriptions.Item>
        <Descriptions.Item label={t('register.file.registeredAt')}>
          {when(resident.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('register.file.updatedAt')}>
          {when(resident.updatedAt)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
