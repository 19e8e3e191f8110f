import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ModificationChange {
  ADDED = 'ADDED',
  CHANGED = 'CHANGED',
  DELETED = 'DELETED',
}

registerEnumType(ModificationChange, {
  name: 'ModificationChange',
  description: 'What a later revision did to an object.',
});

export enum ChangeCategory {
  NEW_OBJECT = 'NEW_OBJECT',
  STRUCTURE = 'STRUCTURE',
  DSS = 'DSS',
  DOCUMENT_TIMESTAMP = 'DOCUMENT_TIMESTAMP',
  SIGNATURE = 'SIGNATURE',
  FORM_FILL = 'FORM_FILL',
  INFO = 'INFO',
  METADATA = 'METADATA',
  ANNOTATION_ADDED = 'ANNOTATION_ADDED',
  FIELD_ADDED = 'FIELD_ADDED',
  ANNOTATION_CHANGED = 'ANNOTATION_CHANGED',
  PAGE_CONTENT = 'PAGE_CONTENT',
  OTHER = 'OTHER',
}

registerEnumType(ChangeCategory, {
  name: 'ChangeCategory',
  description: 'The kind of change, which decides whether the permission in force allows it.',
  valuesConfig: {
    NEW_OBJECT: { description: 'An object nothing earlier referred to.' },
    STRUCTURE: { description: 'Cross-reference and other file structure.' },
    DSS: { description: 'Validation data (/DSS) added for long-term validation.' },
    DOCUMENT_TIMESTAMP: { description: 'A document timestamp.' },
    SIGNATURE: { description: 'A later signature filled into a field.' },
    FORM_FILL: { description: 'A form field value.' },
    INFO: { description: 'The document information dictionary.' },
    METADATA: { description: 'The XMP metadata stream.' },
    ANNOTATION_ADDED: { description: 'A new annotation.' },
    FIELD_ADDED: { description: 'A new form field.' },
    ANNOTATION_CHANGED: { description: 'An existing annotation changed or removed.' },
    PAGE_CONTENT: { description: 'What a page shows: its content, resources or geometry.' },
    OTHER: { description: 'Anything else.' },
  },
});

@ObjectType({ description: 'One object a revision after the signature added, changed or deleted.' })
export class ModificationInfo {
  @Field(() => Int, { description: 'PDF object number (0 for the trailer).' })
  objectNumber!: number;

  @Field(() => ModificationChange, { description: 'Added, changed or deleted.' })
  change!: ModificationChange;

  @Field(() => ChangeCategory, { description: 'What kind of change it is.' })
  category!: ChangeCategory;

  @Field({ description: 'The change permission in force allows it.' })
  allowed!: boolean;

  @Field({ description: 'What changed, in words.' })
  detail!: string;
}
