import type { OutgoingMessage } from '../delivery/message-delivery';
import { VerificationPurpose } from './verification-purpose.enum';

const PURPOSES = {
  [VerificationPurpose.REGISTER]: { zh: '注册账号', en: 'registering your account' },
  [VerificationPurpose.RESET_PASSWORD]: { zh: '重置密码', en: 'resetting your password' },
};

/** The message that carries a code, in Chinese and English; it names what the code is for. */
export function codeMessage(
  to: string,
  code: string,
  purpose: VerificationPurpose,
): OutgoingMessage {
  const { zh, en } = PURPOSES[purpose];

  return {
    to,
    subject: 'eSeal 验证码 / verification code',
    text:
      `【eSeal】您的验证码是 ${code}，用于${zh}，5 分钟内有效，请勿告诉他人。\n` +
      `Your eSeal verification code for ${en} is ${code}. It is valid for 5 minutes; do not share it.`,
  };
}
