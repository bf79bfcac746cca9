import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, message, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { ResidentFiguresCard } from '../ledger/figures/ResidentFiguresCard.tsx';
import { FilePurposeGate } from './FilePurposeGate.tsx';
import { FileRecordsCard } from './FileRecordsCard.tsx';
import { useChoices } from './form-support.ts';
import { MembershipHistoryCard } from './MembershipHistoryCard.tsx';
import { useRegister } from './RegisterContext.ts';
import { ResidentFormModal } from './ResidentFormModal.tsx';
import { ResidentHouseholdCard } from './ResidentHouseholdCard.tsx';
import { ResidentProfileCard } from './ResidentProfileCard.tsx';
import { useFileView } from './useFileView.ts';
import { useRegisterRoute } from './useRegisterRoute.ts';

/**
 * A resident's file (村民档案): shown once the purpose of looking is given and logged;
 * profile, household and members, household history, and the sections later modules fill.
 */
export function ResidentFile({ residentId }: { readonly residentId: string }) {
  const { t } = useI18n();
  const { scope, register } = useRegister();
  const [, navigate] = useRegisterRoute();
  const choices = useChoices();
  const view = useFileView(residentId);
  const [notice, noticeHolder] = message.useMessage();
  const [editing, setEditing] = useState(false);
  const resident = register.residentById.get(residentId);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={navigate.openList}>
      {t('register.file.back')}
    </Button>
  );
  if (resident === undefined)
    return <Result status="404" title={t('register.file.notFound')} extra={back} />;
  if (!view.granted) {
    return (
      <FilePurposeGate
        name={resident.name}
        lastPurpose={view.lastPurpose}
        onOpen={view.open}
        onBack={navigate.openList}
      />
    );
  }
  const done = (text: string) => {
    void notice.success(text);
  };

  return (
    <Flex vertical gap={16}>
      {noticeHolder}
      <Space align="center" wrap>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {resident.name}
        </Typography.Title>
        <Tag color={resident.status === 'registered' ? 'green' : 'default'}>
          {choices.status(resident.status)}
        </Tag>
      </Space>
      <ResidentProfileCard
        resident={resident}
        {...(scope.idProtector === null
          ? {}
          : {
              onEdit: () => {
                setEditing(true);
              },
            })}
      />
      <ResidentHouseholdCard resident={resident} onDone={done} />
      <MembershipHistoryCard residentId={resident.id} />
      <ResidentFiguresCard residentId={resident.id} />
      <FileRecordsCard residentId={resident.id} />
      {editing && (
        <ResidentFormModal
          mode={{ kind: 'edit', resident }}
          onClose={() => {
            setEditing(false);
          }}
          onSaved={() => {
            setEditing(false);
            done(t('register.form.saved'));
          }}
        />
      )}
    </Flex>
  );
}
