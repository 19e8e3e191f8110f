import { registerEnumType } from 'type-graphql';

/** What an application for e-seal business (电子印章业务申请) asks for. */
export enum ApplicationType {
  NEW_SEAL = 'NEW_SEAL',
  RENEW_SEAL = 'RENEW_SEAL',
  CHANGE_SEAL = 'CHANGE_SEAL',
  CANCEL_SEAL = 'CANCEL_SEAL',
}

registerEnumType(ApplicationType, {
  name: 'ApplicationType',
  description: 'What an application asks the platform to do; an administrator reviews it.',
  valuesConfig: {
    NEW_SEAL: { description: 'Make a new seal (印章制作), as createSeal would; form `newSeal`.' },
    RENEW_SEAL: { description: 'Renew a seal (印章延期), as renewSeal would; form `renewSeal`.' },
    CHANGE_SEAL: {
      description: "Change a seal's text (印章变更), as updateSeal would; form `changeSeal`.",
    },
    CANCEL_SEAL: {
      description: 'Delete a seal (印章注销), as deleteSeal would; form `cancelSeal`.',
    },
  },
});
