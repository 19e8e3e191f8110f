import { registerEnumType } from 'type-graphql';

/** What a member may do in an organisation. */
export enum OrganizationRole {
  ORG_ADMIN = 'ORG_ADMIN',
  SEAL_KEEPER = 'SEAL_KEEPER',
  MEMBER = 'MEMBER',
}

registerEnumType(OrganizationRole, {
  name: 'OrganizationRole',
  description: "A member's role in one organisation.",
  valuesConfig: {
    ORG_ADMIN: {
      description:
        "Manages the organisation's members, seals and seal rights; may delete its seals.",
    },
    SEAL_KEEPER: {
      description: "Creates and maintains the organisation's seals (印章管理员); cannot grant.",
    },
    MEMBER: {
      description: "Sees the organisation's seals; signs with one only under a grant.",
    },
  },
});
