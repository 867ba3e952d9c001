"""The schema pydantic validates content.yaml with, made by assets/make_validator.py (do not edit; run
it again after changing leaflets/content/model.py). validate.py uses it only while it is current."""

from pathlib import Path

from leaflets.content import model

PYDANTIC_CORE = '2.50.4'
MODEL_DIGEST = '2dd49eb852745ee978993a2d08d800a3df0bce0335dd54bd5138db0085150eaa'
CONFIG = {}
SCHEMA = {
 'type': 'definitions',
 'schema': {
  'type': 'dataclass',
  'cls': model.Content,
  'fields': [
   'language',
   'wording',
   'publisher',
   'formats',
   'deck',
   'checks',
   'glossary',
   'sources',
   'topics',
  ],
  'schema': {
   'type': 'dataclass-args',
   'dataclass_name': 'Content',
   'fields': [
    {
     'type': 'dataclass-field',
     'name': 'language',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model._known_language,
       },
       'schema': {
        'type': 'str',
        'strip_whitespace': True,
        'pattern': '^[a-z]{2,3}(-[A-Za-z]{2,4})?$',
       },
      },
      'default': 'en',
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'wording',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model._wording_languages,
       },
       'schema': {
        'type': 'dict',
        'keys_schema': {
         'type': 'str',
        },
        'values_schema': {
         'type': 'function-after',
         'function': {
          'type': 'no-info',
          'function': model._known_phrases,
         },
         'schema': {
          'type': 'dict',
          'keys_schema': {
           'type': 'str',
          },
          'values_schema': {
           'type': 'function-after',
           'function': {
            'type': 'no-info',
            'function': model._words_fit_a_line,
           },
           'schema': {
            'type': 'function-after',
            'function': {
             'type': 'no-info',
             'function': model._tidy,
            },
            'schema': {
             'type': 'str',
             'strip_whitespace': True,
             'min_length': 1,
             'max_length': 500,
            },
           },
          },
         },
        },
       },
      },
      'default_factory': dict,
      'default_factory_takes_data': False,
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'publisher',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'nullable',
       'schema': {
        'type': 'dataclass',
        'cls': model.Publisher,
        'fields': [
         'name',
         'contact',
         'logo',
         'url',
         'leaflet_from',
         'emergency',
        ],
        'schema': {
         'type': 'dataclass-args',
         'dataclass_name': 'Publisher',
         'fields': [
          {
           'type': 'dataclass-field',
           'name': 'name',
           'schema': {
            'type': 'function-after',
            'function': {
             'type': 'no-info',
             'function': model._words_fit_a_line,
            },
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model._tidy,
             },
             'schema': {
              'type': 'str',
              'strip_whitespace': True,
              'min_length': 1,
              'max_length': 500,
             },
            },
           },
           'init': True,
          },
          {
           'type': 'dataclass-field',
           'name': 'contact',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._words_fit_a_line,
              },
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._tidy,
               },
               'schema': {
                'type': 'str',
                'strip_whitespace': True,
                'min_length': 1,
                'max_length': 500,
               },
              },
             },
            },
            'default': None,
           },
           'init': True,
          },
          {
           'type': 'dataclass-field',
           'name': 'logo',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'function-before',
             'function': {
              'type': 'with-info',
              'function': model._readable_image,
             },
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'is-instance',
               'cls': Path,
              },
             },
            },
            'default': None,
           },
           'init': True,
          },
          {
           'type': 'dataclass-field',
           'name': 'url',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'str',
              'strip_whitespace': True,
              'max_length': 2000,
              'pattern': '^https?://\\S+\\.\\S+$',
             },
            },
            'default': None,
           },
           'init': True,
          },
          {
           'type': 'dataclass-field',
           'name': 'leaflet_from',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._words_fit_a_line,
              },
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._tidy,
               },
               'schema': {
                'type': 'str',
                'strip_whitespace': True,
                'min_length': 1,
                'max_length': 500,
               },
              },
             },
            },
            'default': None,
           },
           'init': True,
          },
          {
           'type': 'dataclass-field',
           'name': 'emergency',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._words_fit_a_line,
              },
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._tidy,
               },
               'schema': {
                'type': 'str',
                'strip_whitespace': True,
                'min_length': 1,
                'max_length': 500,
               },
              },
             },
            },
            'default': None,
           },
           'init': True,
          },
         ],
         'computed_fields': [],
         'collect_init_only': False,
        },
        'post_init': False,
        'frozen': False,
        'slots': False,
        'config': {
         'extra_fields_behavior': 'forbid',
         'title': 'Publisher',
        },
        'ref': 'leaflets.content.model.Publisher',
       },
      },
      'default': None,
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'formats',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'tuple',
       'items_schema': [
        {
         'type': 'literal',
         'expected': [
          'pdf',
          'trifold',
          'large-print',
          'pptx',
          'script',
         ],
        },
       ],
       'variadic_item_index': 0,
       'min_length': 1,
      },
      'default': ('pdf', 'trifold', 'large-print', 'pptx', ),
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'deck',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'dataclass',
       'cls': model.DeckSettings,
       'fields': [
        'template',
        'minutes',
       ],
       'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'DeckSettings',
        'fields': [
         {
          'type': 'dataclass-field',
          'name': 'template',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'with-info',
             'function': model._usable_template,
            },
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'is-instance',
              'cls': Path,
             },
            },
           },
           'default': None,
          },
          'init': True,
         },
         {
          'type': 'dataclass-field',
          'name': 'minutes',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'int',
            'ge': 5,
            'le': 180,
           },
           'default': 20,
          },
          'init': True,
         },
        ],
        'computed_fields': [],
        'collect_init_only': False,
       },
       'post_init': False,
       'frozen': False,
       'slots': False,
       'config': {
        'extra_fields_behavior': 'forbid',
        'title': 'DeckSettings',
       },
       'ref': 'leaflets.content.model.DeckSettings',
      },
      'default': model.DeckSettings(template=None, minutes=20),
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'checks',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'dataclass',
       'cls': model.CheckSettings,
       'fields': [
        'target_grade',
        'ignore',
        'medicines',
        'medical_terms',
       ],
       'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'CheckSettings',
        'fields': [
         {
          'type': 'dataclass-field',
          'name': 'target_grade',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'float',
            'ge': 3,
            'le': 16,
           },
           'default': 8,
          },
          'init': True,
         },
         {
          'type': 'dataclass-field',
          'name': 'ignore',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'tuple',
            'items_schema': [
             {
              'type': 'literal',
              'expected': [
               'reading-level',
               'long-sentence',
               'long-slide-line',
               'passive-voice',
               'undefined-term',
               'medicine-in-advice',
               'no-review',
               'review-overdue',
               'old-source',
               'cause-source',
               'advice-not-action',
               'calculation',
               'long-summary',
               'vague-heading',
               'dose-in-advice',
               'comment-in-text',
               'translation-outdated',
               'translation-incomplete',
              ],
             },
            ],
            'variadic_item_index': 0,
           },
           'default': (),
          },
          'init': True,
         },
         {
          'type': 'dataclass-field',
          'name': 'medicines',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model._AtMost(limit=5000, advice='keep the ones your topics might name'),
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._words_fit_a_line,
               },
               'schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._tidy,
                },
                'schema': {
                 'type': 'str',
                 'strip_whitespace': True,
                 'min_length': 1,
                 'max_length': 500,
                },
               },
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
          'init': True,
         },
         {
          'type': 'dataclass-field',
          'name': 'medical_terms',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model._AtMost(limit=5000, advice='keep the ones your topics might use'),
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._words_fit_a_line,
               },
               'schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._tidy,
                },
                'schema': {
                 'type': 'str',
                 'strip_whitespace': True,
                 'min_length': 1,
                 'max_length': 500,
                },
               },
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
          'init': True,
         },
        ],
        'computed_fields': [],
        'collect_init_only': False,
       },
       'post_init': False,
       'frozen': False,
       'slots': False,
       'config': {
        'extra_fields_behavior': 'forbid',
        'title': 'CheckSettings',
       },
       'ref': 'leaflets.content.model.CheckSettings',
      },
      'default': model.CheckSettings(target_grade=8, ignore=(), medicines=(), medical_terms=()),
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'glossary',
     'schema': {
      'type': 'default',
      'schema': {
       'type': 'function-before',
       'function': {
        'type': 'no-info',
        'function': model._AtMost(limit=5000, advice='keep the terms your topics use'),
       },
       'schema': {
        'type': 'dict',
        'keys_schema': {
         'type': 'function-after',
         'function': {
          'type': 'no-info',
          'function': model._words_fit_a_line,
         },
         'schema': {
          'type': 'function-after',
          'function': {
           'type': 'no-info',
           'function': model._tidy,
          },
          'schema': {
           'type': 'str',
           'strip_whitespace': True,
           'min_length': 1,
           'max_length': 200,
          },
         },
        },
        'values_schema': {
         'type': 'function-after',
         'function': {
          'type': 'no-info',
          'function': model._words_fit_a_line,
         },
         'schema': {
          'type': 'function-after',
          'function': {
           'type': 'no-info',
           'function': model._tidy,
          },
          'schema': {
           'type': 'str',
           'strip_whitespace': True,
           'min_length': 1,
           'max_length': 3000,
          },
         },
        },
       },
      },
      'default_factory': dict,
      'default_factory_takes_data': False,
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'sources',
     'schema': {
      'type': 'function-before',
      'function': {
       'type': 'no-info',
       'function': model._AtMost(limit=10000, advice='split them into several content files'),
      },
      'schema': {
       'type': 'tuple',
       'items_schema': [
        {
         'type': 'dataclass',
         'cls': model.Source,
         'fields': [
          'id',
          'title',
          'publisher',
          'date',
          'author',
          'url',
         ],
         'schema': {
          'type': 'dataclass-args',
          'dataclass_name': 'Source',
          'fields': [
           {
            'type': 'dataclass-field',
            'name': 'id',
            'schema': {
             'type': 'str',
             'strip_whitespace': True,
             'pattern': '^[a-z0-9]+(-[a-z0-9]+)*$',
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'title',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model._words_fit_a_line,
             },
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._tidy,
              },
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'min_length': 1,
               'max_length': 500,
              },
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'publisher',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model._words_fit_a_line,
             },
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._tidy,
              },
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'min_length': 1,
               'max_length': 500,
              },
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'date',
            'schema': {
             'type': 'date',
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'author',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._words_fit_a_line,
               },
               'schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._tidy,
                },
                'schema': {
                 'type': 'str',
                 'strip_whitespace': True,
                 'min_length': 1,
                 'max_length': 500,
                },
               },
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'url',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'max_length': 2000,
               'pattern': '^https?://\\S+\\.\\S+$',
              },
             },
             'default': None,
            },
            'init': True,
           },
          ],
          'computed_fields': [],
          'collect_init_only': False,
         },
         'post_init': False,
         'frozen': False,
         'slots': False,
         'config': {
          'extra_fields_behavior': 'forbid',
          'title': 'Source',
         },
         'ref': 'leaflets.content.model.Source',
        },
       ],
       'variadic_item_index': 0,
       'min_length': 1,
      },
     },
     'init': True,
    },
    {
     'type': 'dataclass-field',
     'name': 'topics',
     'schema': {
      'type': 'function-before',
      'function': {
       'type': 'no-info',
       'function': model._AtMost(limit=10000, advice='split them into several content files'),
      },
      'schema': {
       'type': 'tuple',
       'items_schema': [
        {
         'type': 'dataclass',
         'cls': model.Topic,
         'fields': [
          'id',
          'title',
          'subtitle',
          'url',
          'version',
          'reviewed',
          'next_review',
          'reviewed_by',
          'summary',
          'image',
          'sources',
          'causes',
          'urgent_signs',
          'warning_signs',
          'advice',
          'ignore_checks',
          'language',
          'translation_of',
          'reviewed_against',
          'wording',
         ],
         'schema': {
          'type': 'dataclass-args',
          'dataclass_name': 'Topic',
          'fields': [
           {
            'type': 'dataclass-field',
            'name': 'id',
            'schema': {
             'type': 'str',
             'strip_whitespace': True,
             'pattern': '^[a-z0-9]+(-[a-z0-9]+)*$',
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'title',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model._words_fit_a_line,
             },
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._tidy,
              },
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'min_length': 1,
               'max_length': 200,
              },
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'subtitle',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._words_fit_a_line,
               },
               'schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._tidy,
                },
                'schema': {
                 'type': 'str',
                 'strip_whitespace': True,
                 'min_length': 1,
                 'max_length': 200,
                },
               },
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'url',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'max_length': 2000,
               'pattern': '^https?://\\S+\\.\\S+$',
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'version',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._words_fit_a_line,
               },
               'schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._tidy,
                },
                'schema': {
                 'type': 'str',
                 'strip_whitespace': True,
                 'min_length': 1,
                 'max_length': 500,
                },
               },
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'reviewed',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'date',
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'next_review',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'with-info',
               'function': model._review_after_reviewed,
              },
              'schema': {
               'type': 'nullable',
               'schema': {
                'type': 'date',
               },
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'reviewed_by',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model._words_fit_a_line,
               },
               'schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._tidy,
                },
                'schema': {
                 'type': 'str',
                 'strip_whitespace': True,
                 'min_length': 1,
                 'max_length': 500,
                },
               },
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'summary',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model._words_fit_a_line,
             },
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._tidy,
              },
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'min_length': 1,
               'max_length': 3000,
              },
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'image',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'definition-ref',
               'schema_ref': 'leaflets.content.model.Picture',
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'sources',
            'schema': {
             'type': 'function-before',
             'function': {
              'type': 'no-info',
              'function': model._AtMost(limit=100, advice='cite the main sources of the topic'),
             },
             'schema': {
              'type': 'tuple',
              'items_schema': [
               {
                'type': 'str',
                'strip_whitespace': True,
                'pattern': '^[a-z0-9]+(-[a-z0-9]+)*$',
               },
              ],
              'variadic_item_index': 0,
              'min_length': 1,
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'causes',
            'schema': {
             'type': 'function-before',
             'function': {
              'type': 'no-info',
              'function': model._AtMost(limit=200, advice='keep the most important ones, or split the topic into several topics'),
             },
             'schema': {
              'type': 'tuple',
              'items_schema': [
               {
                'type': 'dataclass',
                'cls': model.Cause,
                'fields': [
                 'name',
                 'explanation',
                 'key_points',
                 'self_care',
                 'medical_care',
                 'source',
                 'image',
                ],
                'schema': {
                 'type': 'dataclass-args',
                 'dataclass_name': 'Cause',
                 'fields': [
                  {
                   'type': 'dataclass-field',
                   'name': 'name',
                   'schema': {
                    'type': 'function-after',
                    'function': {
                     'type': 'no-info',
                     'function': model._words_fit_a_line,
                    },
                    'schema': {
                     'type': 'function-after',
                     'function': {
                      'type': 'no-info',
                      'function': model._tidy,
                     },
                     'schema': {
                      'type': 'str',
                      'strip_whitespace': True,
                      'min_length': 1,
                      'max_length': 200,
                     },
                    },
                   },
                   'init': True,
                  },
                  {
                   'type': 'dataclass-field',
                   'name': 'explanation',
                   'schema': {
                    'type': 'function-after',
                    'function': {
                     'type': 'no-info',
                     'function': model._words_fit_a_line,
                    },
                    'schema': {
                     'type': 'function-after',
                     'function': {
                      'type': 'no-info',
                      'function': model._tidy,
                     },
                     'schema': {
                      'type': 'str',
                      'strip_whitespace': True,
                      'min_length': 1,
                      'max_length': 3000,
                     },
                    },
                   },
                   'init': True,
                  },
                  {
                   'type': 'dataclass-field',
                   'name': 'key_points',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-before',
                     'function': {
                      'type': 'no-info',
                      'function': model._AtMost(limit=50, advice='keep the few that fit on a slide'),
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'function-after',
                        'function': {
                         'type': 'no-info',
                         'function': model._words_fit_a_line,
                        },
                        'schema': {
                         'type': 'function-after',
                         'function': {
                          'type': 'no-info',
                          'function': model._tidy,
                         },
                         'schema': {
                          'type': 'str',
                          'strip_whitespace': True,
                          'min_length': 1,
                          'max_length': 500,
                         },
                        },
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (),
                   },
                   'init': True,
                  },
                  {
                   'type': 'dataclass-field',
                   'name': 'self_care',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'function-after',
                      'function': {
                       'type': 'no-info',
                       'function': model._words_fit_a_line,
                      },
                      'schema': {
                       'type': 'function-after',
                       'function': {
                        'type': 'no-info',
                        'function': model._tidy,
                       },
                       'schema': {
                        'type': 'str',
                        'strip_whitespace': True,
                        'min_length': 1,
                        'max_length': 3000,
                       },
                      },
                     },
                    },
                    'default': None,
                   },
                   'init': True,
                  },
                  {
                   'type': 'dataclass-field',
                   'name': 'medical_care',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'function-after',
                      'function': {
                       'type': 'no-info',
                       'function': model._words_fit_a_line,
                      },
                      'schema': {
                       'type': 'function-after',
                       'function': {
                        'type': 'no-info',
                        'function': model._tidy,
                       },
                       'schema': {
                        'type': 'str',
                        'strip_whitespace': True,
                        'min_length': 1,
                        'max_length': 3000,
                       },
                      },
                     },
                    },
                    'default': None,
                   },
                   'init': True,
                  },
                  {
                   'type': 'dataclass-field',
                   'name': 'source',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'str',
                      'strip_whitespace': True,
                      'pattern': '^[a-z0-9]+(-[a-z0-9]+)*$',
                     },
                    },
                    'default': None,
                   },
                   'init': True,
                  },
                  {
                   'type': 'dataclass-field',
                   'name': 'image',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'definition-ref',
                      'schema_ref': 'leaflets.content.model.Picture',
                     },
                    },
                    'default': None,
                   },
                   'init': True,
                  },
                 ],
                 'computed_fields': [],
                 'collect_init_only': False,
                },
                'post_init': False,
                'frozen': False,
                'slots': False,
                'config': {
                 'extra_fields_behavior': 'forbid',
                 'title': 'Cause',
                },
                'ref': 'leaflets.content.model.Cause',
               },
              ],
              'variadic_item_index': 0,
              'min_length': 1,
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'urgent_signs',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'function-before',
              'function': {
               'type': 'no-info',
               'function': model._AtMost(limit=200, advice='keep the most important ones, or split the topic into several topics'),
              },
              'schema': {
               'type': 'tuple',
               'items_schema': [
                {
                 'type': 'function-after',
                 'function': {
                  'type': 'no-info',
                  'function': model._words_fit_a_line,
                 },
                 'schema': {
                  'type': 'function-after',
                  'function': {
                   'type': 'no-info',
                   'function': model._tidy,
                  },
                  'schema': {
                   'type': 'str',
                   'strip_whitespace': True,
                   'min_length': 1,
                   'max_length': 500,
                  },
                 },
                },
               ],
               'variadic_item_index': 0,
              },
             },
             'default': (),
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'warning_signs',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'with-info',
              'function': model._signs_name_causes,
             },
             'schema': {
              'type': 'function-before',
              'function': {
               'type': 'no-info',
               'function': model._AtMost(limit=200, advice='keep the most important ones, or split the topic into several topics'),
              },
              'schema': {
               'type': 'tuple',
               'items_schema': [
                {
                 'type': 'union',
                 'choices': [
                  {
                   'type': 'function-after',
                   'function': {
                    'type': 'no-info',
                    'function': model._words_fit_a_line,
                   },
                   'schema': {
                    'type': 'function-after',
                    'function': {
                     'type': 'no-info',
                     'function': model._tidy,
                    },
                    'schema': {
                     'type': 'str',
                     'strip_whitespace': True,
                     'min_length': 1,
                     'max_length': 500,
                    },
                   },
                  },
                  {
                   'type': 'dataclass',
                   'cls': model.WarningSign,
                   'fields': [
                    'sign',
                    'causes',
                   ],
                   'schema': {
                    'type': 'dataclass-args',
                    'dataclass_name': 'WarningSign',
                    'fields': [
                     {
                      'type': 'dataclass-field',
                      'name': 'sign',
                      'schema': {
                       'type': 'function-after',
                       'function': {
                        'type': 'no-info',
                        'function': model._words_fit_a_line,
                       },
                       'schema': {
                        'type': 'function-after',
                        'function': {
                         'type': 'no-info',
                         'function': model._tidy,
                        },
                        'schema': {
                         'type': 'str',
                         'strip_whitespace': True,
                         'min_length': 1,
                         'max_length': 500,
                        },
                       },
                      },
                      'init': True,
                     },
                     {
                      'type': 'dataclass-field',
                      'name': 'causes',
                      'schema': {
                       'type': 'function-before',
                       'function': {
                        'type': 'no-info',
                        'function': model._AtMost(limit=200, advice='name the few causes this sign goes with'),
                       },
                       'schema': {
                        'type': 'tuple',
                        'items_schema': [
                         {
                          'type': 'union',
                          'choices': [
                           {
                            'type': 'function-after',
                            'function': {
                             'type': 'no-info',
                             'function': model._words_fit_a_line,
                            },
                            'schema': {
                             'type': 'function-after',
                             'function': {
                              'type': 'no-info',
                              'function': model._tidy,
                             },
                             'schema': {
                              'type': 'str',
                              'strip_whitespace': True,
                              'min_length': 1,
                              'max_length': 200,
                             },
                            },
                           },
                           {
                            'type': 'int',
                           },
                          ],
                         },
                        ],
                        'variadic_item_index': 0,
                        'min_length': 1,
                       },
                      },
                      'init': True,
                     },
                    ],
                    'computed_fields': [],
                    'collect_init_only': False,
                   },
                   'post_init': False,
                   'frozen': False,
                   'slots': False,
                   'config': {
                    'extra_fields_behavior': 'forbid',
                    'title': 'WarningSign',
                   },
                   'ref': 'leaflets.content.model.WarningSign',
                  },
                 ],
                },
               ],
               'variadic_item_index': 0,
               'min_length': 1,
              },
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'advice',
            'schema': {
             'type': 'function-before',
             'function': {
              'type': 'no-info',
              'function': model._AtMost(limit=200, advice='keep the most important ones, or split the topic into several topics'),
             },
             'schema': {
              'type': 'tuple',
              'items_schema': [
               {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._words_fit_a_line,
                },
                'schema': {
                 'type': 'function-after',
                 'function': {
                  'type': 'no-info',
                  'function': model._tidy,
                 },
                 'schema': {
                  'type': 'str',
                  'strip_whitespace': True,
                  'min_length': 1,
                  'max_length': 500,
                 },
                },
               },
              ],
              'variadic_item_index': 0,
              'min_length': 1,
             },
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'ignore_checks',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'tuple',
              'items_schema': [
               {
                'type': 'literal',
                'expected': [
                 'reading-level',
                 'long-sentence',
                 'long-slide-line',
                 'passive-voice',
                 'undefined-term',
                 'medicine-in-advice',
                 'no-review',
                 'review-overdue',
                 'old-source',
                 'cause-source',
                 'advice-not-action',
                 'calculation',
                 'long-summary',
                 'vague-heading',
                 'dose-in-advice',
                 'comment-in-text',
                 'translation-outdated',
                 'translation-incomplete',
                ],
               },
              ],
              'variadic_item_index': 0,
             },
             'default': (),
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'language',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._known_language,
              },
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'pattern': '^[a-z]{2,3}(-[A-Za-z]{2,4})?$',
              },
             },
             'default': 'en',
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'translation_of',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'pattern': '^[a-z0-9]+(-[a-z0-9]+)*$',
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'reviewed_against',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
               'strip_whitespace': True,
               'pattern': '^[0-9a-f]{12}$',
              },
             },
             'default': None,
            },
            'init': True,
           },
           {
            'type': 'dataclass-field',
            'name': 'wording',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'function-after',
              'function': {
               'type': 'no-info',
               'function': model._known_phrases,
              },
              'schema': {
               'type': 'dict',
               'keys_schema': {
                'type': 'str',
               },
               'values_schema': {
                'type': 'function-after',
                'function': {
                 'type': 'no-info',
                 'function': model._words_fit_a_line,
                },
                'schema': {
                 'type': 'function-after',
                 'function': {
                  'type': 'no-info',
                  'function': model._tidy,
                 },
                 'schema': {
                  'type': 'str',
                  'strip_whitespace': True,
                  'min_length': 1,
                  'max_length': 500,
                 },
                },
               },
              },
             },
             'default_factory': dict,
             'default_factory_takes_data': False,
            },
            'init': True,
           },
          ],
          'computed_fields': [],
          'collect_init_only': True,
         },
         'post_init': True,
         'frozen': False,
         'slots': False,
         'config': {
          'extra_fields_behavior': 'forbid',
          'title': 'Topic',
         },
         'ref': 'leaflets.content.model.Topic',
        },
       ],
       'variadic_item_index': 0,
       'min_length': 1,
      },
     },
     'init': True,
    },
   ],
   'computed_fields': [],
   'collect_init_only': False,
  },
  'post_init': False,
  'frozen': False,
  'slots': False,
  'config': {
   'extra_fields_behavior': 'forbid',
   'title': 'Content',
  },
  'ref': 'leaflets.content.model.Content',
 },
 'definitions': [
  {
   'type': 'dataclass',
   'cls': model.Picture,
   'fields': [
    'file',
    'alt',
   ],
   'schema': {
    'type': 'dataclass-args',
    'dataclass_name': 'Picture',
    'fields': [
     {
      'type': 'dataclass-field',
      'name': 'file',
      'schema': {
       'type': 'function-before',
       'function': {
        'type': 'with-info',
        'function': model._readable_image,
       },
       'schema': {
        'type': 'is-instance',
        'cls': Path,
       },
      },
      'init': True,
     },
     {
      'type': 'dataclass-field',
      'name': 'alt',
      'schema': {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model._words_fit_a_line,
       },
       'schema': {
        'type': 'function-after',
        'function': {
         'type': 'no-info',
         'function': model._tidy,
        },
        'schema': {
         'type': 'str',
         'strip_whitespace': True,
         'min_length': 1,
         'max_length': 500,
        },
       },
      },
      'init': True,
     },
    ],
    'computed_fields': [],
    'collect_init_only': False,
   },
   'post_init': False,
   'frozen': False,
   'slots': False,
   'config': {
    'extra_fields_behavior': 'forbid',
    'title': 'Picture',
   },
   'ref': 'leaflets.content.model.Picture',
  },
 ],
}
